package dev.monitordash.core.query;

import java.time.Instant;

/**
 * One line of the overview table.
 *
 * @param endpoint       route template
 * @param hitsToday      requests since midnight in the configured timezone
 * @param hitsLast7Days  requests in the last 7 days
 * @param hitsTotal      all stored requests
 * @param medianMillis   median execution time in milliseconds, NaN without requests
 * @param errors         requests with status &ge; 400
 * @param lastRequested  last request, null if none
 */
public record OverviewRow(String endpoint, long hitsToday, long hitsLast7Days, long hitsTotal,
        double medianMillis, long errors, Instant lastRequested) {
}
