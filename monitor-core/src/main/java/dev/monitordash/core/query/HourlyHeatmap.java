package dev.monitordash.core.query;

import java.time.LocalDate;
import java.util.List;

/**
 * Requests per hour of day and day (seed fig. 3.2a), in the configured zone.
 *
 * @param zone the zone days and hours are counted in
 * @param days every day of the range, oldest first, each with 24 exact counts (index = hour of day; on a
 *             23-hour day the skipped hour is 0, on a 25-hour day the repeated hour holds both)
 */
public record HourlyHeatmap(String zone, List<Day> days) {

    /** One day's column: {@code hours[h]} requests started at local hour {@code h}. */
    public record Day(LocalDate date, long[] hours) {
    }

    /** Sum of all cells. */
    public long total() {
        long sum = 0;
        for (Day d : days) {
            for (long h : d.hours()) {
                sum += h;
            }
        }
        return sum;
    }
}
