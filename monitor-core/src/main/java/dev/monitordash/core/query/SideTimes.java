package dev.monitordash.core.query;

import java.util.List;
import java.util.Map;

/**
 * One side of one endpoint in a report: all its requests, their status classes and the same per instance
 * (the origin's instance name), so that a change can be traced to one instance.
 *
 * @param statusClasses requests per status class ("2xx" ... "5xx"), exact
 * @param instances     per instance, by name
 */
public record SideTimes(GroupTimes all, Map<String, Long> statusClasses, List<GroupTimes> instances) {

    public SideTimes {
        statusClasses = Map.copyOf(statusClasses);
        instances = List.copyOf(instances);
    }
}
