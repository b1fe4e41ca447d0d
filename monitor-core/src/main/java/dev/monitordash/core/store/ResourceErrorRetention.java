package dev.monitordash.core.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Retention of the V7 tables, run by the writer between batches every 10 minutes: raw resource samples
 * after {@code monitordash.retention.resources}, minute summaries after 8 days, hour summaries and error
 * occurrences after {@code monitordash.retention.rollups} (a cause not seen since then goes with them).
 * Every delete is a range of a time-ordered key, so one pass is one short transaction.
 */
final class ResourceErrorRetention {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceErrorRetention.class);
    static final long EVERY_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final StoreMaintenance.Transactions transactions;
    private final Clock clock;
    private final LongSupplier nanos;
    private final Duration samplesKept;
    private final Duration rollupsKept;
    private long next;

    ResourceErrorRetention(StoreMaintenance.Transactions transactions, Clock clock, LongSupplier nanos,
            Duration samplesKept, Duration rollupsKept) {
        this.transactions = transactions;
        this.clock = clock;
        this.nanos = nanos;
        this.samplesKept = samplesKept;
        this.rollupsKept = rollupsKept;
        this.next = nanos.getAsLong() + TimeUnit.SECONDS.toNanos(45); // not in the startup rush
    }

    /** A pass if one is due; true when it ran. Never throws: a failed pass is tried again next time. */
    boolean runDue() {
        long now = nanos.getAsLong();
        if (now - next < 0) {
            return false;
        }
        next = now + EVERY_NANOS;
        try {
            runNow();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("MonitorDash could not delete old resource samples and errors; it tries again: {}",
                    e.getMessage());
            return false;
        }
    }

    int runNow() {
        long micros = EpochMicros.of(clock.instant());
        return transactions.run("delete old resource samples and errors", c ->
                ResourceTables.retain(c, micros, samplesKept, rollupsKept)
                        + ErrorWriter.retain(c, micros - rollupsKept.toNanos() / 1_000));
    }
}
