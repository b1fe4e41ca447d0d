package dev.monitordash.core.rollup;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decodes stored rollup byte strings for the writer and the views alike. A value that cannot be read
 * (corrupt, or written by a newer MonitorDash) is logged once and read as empty: the writer continues the
 * row from empty (its counters stay exact), a view skips it, so one bad row never fails a page or a batch.
 * Every such value is also counted for the dashboard read in progress on this thread, if any
 * ({@link SkippedValues}), so that the view can say its figures are partial.
 */
public final class Lenient {

    private static final Logger LOG = LoggerFactory.getLogger(Lenient.class);
    private static final AtomicBoolean LOGGED = new AtomicBoolean();

    private Lenient() {
    }

    public static DurationSketch sketch(byte[] bytes) {
        try {
            return DurationSketch.decode(bytes);
        } catch (RollupFormatException e) {
            skip(e);
            return new DurationSketch();
        }
    }

    public static StatusCounts statuses(byte[] bytes) {
        try {
            return StatusCounts.decode(bytes);
        } catch (RollupFormatException e) {
            skip(e);
            return new StatusCounts();
        }
    }

    public static HourSlots hours(byte[] bytes) {
        try {
            return HourSlots.decode(bytes);
        } catch (RollupFormatException e) {
            skip(e);
            return new HourSlots();
        }
    }

    public static Reservoir sample(byte[] bytes, int capacity) {
        try {
            return Reservoir.decode(bytes, capacity);
        } catch (RollupFormatException e) {
            skip(e);
            return new Reservoir(capacity);
        }
    }

    private static void skip(RollupFormatException e) {
        SkippedValues.skipped();
        if (LOGGED.compareAndSet(false, true)) {
            LOG.warn("MonitorDash found a rollup it cannot read and reads it as empty (further ones are "
                    + "not logged): {}", e.getMessage());
        }
    }
}
