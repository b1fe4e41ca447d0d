package dev.monitordash.core.query;

import java.util.List;

/**
 * Group × version bubbles (users: seed fig. 3.2e, 5.4; client addresses: fig. 5.11): one bubble per
 * group and version with requests, sized by the mean execution time.
 *
 * @param groups   the groups shown, in the {@link TopN} order
 * @param versions versions with requests of the shown groups, oldest first
 * @param bubbles  one per shown group and version with requests
 * @param hidden   groups with requests in the range that are not shown
 */
public record BubbleChart(List<String> groups, List<String> versions, List<Bubble> bubbles, int hidden) {

    public record Bubble(String group, String version, long requests, double meanMillis) {
    }
}
