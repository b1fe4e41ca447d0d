package dev.monitordash.core.query;

import java.time.LocalDate;
import java.util.List;

/**
 * Requests per endpoint and local day (stacked bars).
 *
 * @param days      every day of the range, oldest first
 * @param endpoints endpoints with requests in the range, by name; {@code hits[i]} belongs to {@code days[i]}
 */
public record DailyHits(List<LocalDate> days, List<Series> endpoints) {

    public record Series(String endpoint, long[] hits) {
    }
}
