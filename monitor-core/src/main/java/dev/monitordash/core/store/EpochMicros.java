package dev.monitordash.core.store;

import java.time.Instant;

/** The store's one time format: microseconds since the epoch, UTC, in a BIGINT column. */
public final class EpochMicros {

    private EpochMicros() {
    }

    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
