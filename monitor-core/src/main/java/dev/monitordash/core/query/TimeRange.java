package dev.monitordash.core.query;

import dev.monitordash.core.store.EpochMicros;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A half-open time range {@code [from, to)} the dashboard asks about.
 *
 * @param from first instant included
 * @param to   first instant excluded; after {@code from}
 */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the range must end after it starts: " + from + " .. " + to);
        }
    }

    /** The whole local days {@code first} to {@code last} (inclusive) in {@code zone}. */
    public static TimeRange days(LocalDate first, LocalDate last, ZoneId zone) {
        return new TimeRange(first.atStartOfDay(zone).toInstant(), last.plusDays(1).atStartOfDay(zone).toInstant());
    }

    long fromMicros() {
        return EpochMicros.of(from);
    }

    long toMicros() {
        return EpochMicros.of(to);
    }
}
