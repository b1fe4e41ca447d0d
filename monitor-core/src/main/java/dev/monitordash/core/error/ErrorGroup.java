package dev.monitordash.core.error;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One cause of failed requests as a page lists it.
 *
 * @param occurrences failed requests of this cause in the range asked for
 * @param total       all its stored occurrences
 * @param firstSeen   its first occurrence ever (stored)
 * @param lastSeen    its latest occurrence
 * @param versions    versions it occurred in within the range, by first occurrence
 * @param endpoints   endpoints it occurred at within the range, most occurrences first
 * @param days        occurrences per day of the range in the dashboard's zone, every day (zeros too)
 */
public record ErrorGroup(long id, String fingerprint, String exception, String rootCause, String message,
        String frame, long occurrences, long total, Instant firstSeen, Instant lastSeen, List<String> versions,
        List<String> endpoints, List<DayCount> days) {

    public record DayCount(LocalDate day, long occurrences) {
    }
}
