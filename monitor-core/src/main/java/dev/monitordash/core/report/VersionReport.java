package dev.monitordash.core.report;

import java.time.Instant;

/**
 * A version compared with the one before it, made by itself ({@link VersionReports}).
 *
 * @param version  the newer version
 * @param previous the version before it (first seen before it)
 * @param since    when {@code version} was first seen
 * @param requests the newer version's requests on the compared endpoints so far
 * @param ready    whether some endpoint has the minimum requests on both sides: until then the report has
 *                 only "not enough data" rows and says nothing about the version
 * @param report   the comparison (both sides over the same range, see {@link VersionReports#LOOKBACK})
 */
public record VersionReport(String version, String previous, Instant since, long requests, boolean ready,
        Report report) {
}
