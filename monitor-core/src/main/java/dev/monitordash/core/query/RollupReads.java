package dev.monitordash.core.query;

import dev.monitordash.core.rollup.HourSlots;
import dev.monitordash.core.rollup.Reservoir;
import dev.monitordash.core.rollup.RollupFormatException;
import dev.monitordash.core.rollup.StatusCounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decodes rollup byte strings for the views. A value that cannot be read (corrupt, or written by a newer
 * MonitorDash) is logged once and read as empty, so one bad row never fails a whole page.
 */
final class RollupReads {

    private static final Logger LOG = LoggerFactory.getLogger(RollupReads.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private RollupReads() {
    }

    static HourSlots hours(byte[] bytes) {
        try {
            return HourSlots.decode(bytes);
        } catch (RollupFormatException e) {
            logOnce(e);
            return new HourSlots();
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

    static long[] sample(byte[] bytes, int capacity) {
        try {
            return Reservoir.decode(bytes, capacity).values();
        } catch (RollupFormatException e) {
            logOnce(e);
            return new long[0];
        }
    }

    private static void logOnce(RollupFormatException e) {
        if (LOGGED.compareAndSet(false, true)) {
            LOG.warn("MonitorDash skipped a rollup value it cannot read (further ones are not logged): {}",
                    e.getMessage());
        }
    }
}
