package dev.monitordash.core.store;

import dev.monitordash.core.rollup.DurationSketch;
import dev.monitordash.core.rollup.HourSlots;
import dev.monitordash.core.rollup.Reservoir;
import dev.monitordash.core.rollup.RollupFormatException;
import dev.monitordash.core.rollup.StatusCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the stored rollup byte strings on the write side. A row whose bytes cannot be read (corrupt, or
 * written by a newer MonitorDash) is logged once and continued from empty: its counters stay exact, its
 * sketch then covers fewer requests than it counts, which the views report as partial.
 */
final class RollupBlobs {

    private static final Logger LOG = LoggerFactory.getLogger(RollupBlobs.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private RollupBlobs() {
    }

    static DurationSketch sketch(byte[] bytes) {
        try {
            return DurationSketch.decode(bytes);
        } catch (RollupFormatException e) {
            logOnce(e);
            return new DurationSketch();
        }
    }

    static StatusCounts statuses(byte[] bytes) {
        try {
            return StatusCounts.decode(bytes);
        } catch (RollupFormatException e) {
            logOnce(e);
            return new StatusCounts();
        }
    }

    static HourSlots hours(byte[] bytes) {
        try {
            return HourSlots.decode(bytes);
        } catch (RollupFormatException e) {
            logOnce(e);
            return new HourSlots();
        }
    }

    static Reservoir sample(byte[] bytes, int capacity) {
        try {
            return Reservoir.decode(bytes, capacity);
        } catch (RollupFormatException e) {
            logOnce(e);
            return new Reservoir(capacity);
        }
    }

    private static void logOnce(RollupFormatException e) {
        if (LOGGED.compareAndSet(false, true)) {
            LOG.warn("MonitorDash found a rollup it cannot read and continues it from empty (further ones are "
                    + "not logged): {}", e.getMessage());
        }
    }
}
