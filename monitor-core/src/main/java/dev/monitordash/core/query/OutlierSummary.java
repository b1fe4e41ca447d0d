package dev.monitordash.core.query;

import java.time.Instant;

/**
 * One outlier in an endpoint's list: its request's row plus when it was caught.
 *
 * @param id             the outlier's id, for {@link DashboardQueries#outlier(long)}
 * @param durationMillis the request's full measured duration
 * @param ranForMillis   how long it had run when captured (the threshold plus at most one watchdog tick)
 */
public record OutlierSummary(
        long id,
        String endpoint,
        Instant startedAt,
        Instant capturedAt,
        double durationMillis,
        double ranForMillis,
        double thresholdMillis,
        String method,
        int status,
        String user,
        String version,
        String url) {
}
