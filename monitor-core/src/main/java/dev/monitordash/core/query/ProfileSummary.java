package dev.monitordash.core.query;

import java.time.Instant;

/** One profiled request in an endpoint's list; {@code truncated}: the stored tree was cut. */
public record ProfileSummary(long id, String endpoint, Instant startedAt, double durationMillis, long samples,
        double periodMillis, boolean truncated, String user, String version, int status) {
}
