package dev.monitordash.core.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Which versions served each endpoint's requests in a range: the endpoint × version heatmap.
 *
 * @param versions  versions with requests, oldest first (by their first request in the range)
 * @param firstSeen each of those versions' first start of an instance (null if the version table does not
 *                  know it): a version seen for minutes says little, whatever its share
 * @param cells     one per endpoint and version with requests; {@code share} is of the endpoint's hits
 */
public record VersionUsage(List<String> versions, Map<String, Instant> firstSeen, List<Cell> cells) {

    public record Cell(String endpoint, String version, long requests, double share) {
    }
}
