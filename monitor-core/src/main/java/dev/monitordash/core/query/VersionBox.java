package dev.monitordash.core.query;

import java.time.Instant;

/**
 * A version's box plot (seed fig. 3.2d, 5.5), with when the version was first seen: a version seen for
 * minutes has few requests and an unreliable box, which the count beside it shows.
 *
 * @param version   version name
 * @param firstSeen first start of an instance with it; null if the version table does not know it
 * @param box       its execution times
 */
public record VersionBox(String version, Instant firstSeen, BoxPlot box) {
}
