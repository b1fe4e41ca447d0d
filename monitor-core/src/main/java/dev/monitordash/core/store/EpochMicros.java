package dev.monitordash.core.store;

import java.time.Instant;

/**
 * The store's time format: microseconds since the epoch, UTC, in a BIGINT column; except the request
 * table's start times, kept in milliseconds to save two bytes a row ({@code started_ms}).
 */
public final class EpochMicros {

    private EpochMicros() {
    }

    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /**
     * A bound of a half-open range in microseconds, as the {@code started_ms} value to compare with: a row
     * stored as millisecond m (that is, m * 1000 µs) lies in [from, to) exactly when
     * {@code startedMsBound(from) <= m < startedMsBound(to)}.
     */
    public static long startedMsBound(long micros) {
        return -Math.floorDiv(-micros, 1_000L);
    }
}
