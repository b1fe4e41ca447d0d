package dev.monitordash.core.query;

import java.util.List;

/**
 * Which versions served each endpoint's requests in a range: the endpoint × version heatmap.
 *
 * @param versions versions with requests, oldest first (by their first request in the range)
 * @param cells    one per endpoint and version with requests; {@code share} is of the endpoint's hits
 */
public record VersionUsage(List<String> versions, List<Cell> cells) {

    public record Cell(String endpoint, String version, long requests, double share) {
    }
}
