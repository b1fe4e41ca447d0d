package dev.monitordash.core.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The store's background work, run by the writer thread between batches so that it needs no thread of
 * its own and never races the writer: moving V1 rows ({@link LegacyRequests}), the user and client
 * rollups ({@link UserRollups}) and retention ({@link RequestRetention}). Each call does at most one
 * bounded step in one transaction, and only when due: the steps may take about a quarter of the writer's
 * time (after a step of t ms, the next waits 3t ms), so recording keeps the rest under any backlog.
 */
final class StoreMaintenance {

    private static final Logger LOG = LoggerFactory.getLogger(StoreMaintenance.class);

    /** Rows per step of the conversion and of the user rollups. */
    static final int CHUNK = 10_000;
    /**
     * Rows per user-rollup step of {@link #catchUp}, where nothing is recorded meanwhile: the more rows a
     * step aggregates, the more of them share an (endpoint, day, user) row, which each step reads,
     * merges and writes once. 200 000 rows are ≈ 20 MB of heap while the step runs.
     */
    static final int BULK_CHUNK = 200_000;
    /** Pending rows wait at most this long for the user rollups: views add pending rows themselves. */
    static final long ROLLUP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final long RETENTION_EVERY_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final long FAILURE_LOG_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** Runs one step in a transaction of the store's; returns what the step returns. */
    @FunctionalInterface
    interface Transactions {
        <T> T run(String what, Step<T> step);
    }

    @FunctionalInterface
    interface Step<T> {
        T run(Connection c) throws SQLException;
    }

    private final Transactions transactions;
    private final LegacyRequests legacy;
    private final UserRollups userRollups;
    private final RequestRetention retention;
    private final Clock clock;
    private final LongSupplier nanos;
    private long notBefore;
    private long nextRollup;
    private long nextRetention;
    private boolean retentionRunning;
    private long lastFailureLog;

    StoreMaintenance(Transactions transactions, LegacyRequests legacy, UserRollups userRollups,
            RequestRetention retention, Clock clock, LongSupplier nanos) {
        this.transactions = transactions;
        this.legacy = legacy;
        this.userRollups = userRollups;
        this.retention = retention;
        this.clock = clock;
        this.nanos = nanos;
        long now = nanos.getAsLong();
        this.notBefore = now;
        this.nextRollup = now;
        this.nextRetention = now + TimeUnit.SECONDS.toNanos(30); // not in the startup rush
        this.lastFailureLog = now - FAILURE_LOG_NANOS;
    }

    /** One step if one is due; true when it did work. Never throws: a failed step is retried later. */
    boolean runDue() {
        long start = nanos.getAsLong();
        if (start - notBefore < 0) {
            return false;
        }
        try {
            boolean worked = step(start);
            long took = nanos.getAsLong() - start;
            notBefore = nanos.getAsLong() + 3 * took;
            return worked;
        } catch (RuntimeException e) {
            notBefore = nanos.getAsLong() + TimeUnit.SECONDS.toNanos(5);
            if (start - lastFailureLog >= FAILURE_LOG_NANOS) {
                lastFailureLog = start;
                LOG.warn("MonitorDash background store work failed; it is retried: {}", e.getMessage());
            }
            return false;
        }
    }

    /**
     * Converts every V1 row and rolls up everything pending, now (tests, benchmarks, bulk loads): what the
     * writer would do over the next seconds or minutes.
     */
    void catchUp() {
        while (legacy.maybePending() && transactions.run("check for V1 requests", legacy::pending)) {
            convertChunk();
        }
        while (transactions.run("roll up users", c -> userRollups.rollUpPending(c, BULK_CHUNK)) > 0) {
            // next chunk
        }
    }

    /** Runs a whole retention pass now (tests). */
    void retainNow() {
        retention.restart();
        long micros = EpochMicros.of(clock.instant());
        while (transactions.run("delete old requests", c -> retention.step(c, micros))) {
            // next step
        }
    }

    /**
     * One chunk of the V1 conversion. A failed chunk's transaction is rolled back, so the ids its dictionary
     * inserts learned no longer exist: they are forgotten, or the retry would write rows pointing at them.
     */
    private void convertChunk() {
        try {
            int moved = transactions.run("convert V1 requests", c -> legacy.moveChunk(c, CHUNK));
            legacy.committed(moved);
        } catch (RuntimeException e) {
            legacy.failed();
            throw e;
        }
    }

    private boolean step(long now) {
        if (legacy.maybePending() && transactions.run("check for V1 requests", legacy::pending)) {
            convertChunk();
            return true;
        }
        if (now - nextRollup >= 0) {
            int rolled = transactions.run("roll up users", c -> userRollups.rollUpPending(c, CHUNK));
            if (rolled >= CHUNK) {
                return true; // a backlog: come back as soon as the budget allows
            }
            // Otherwise wait: rolling up every small batch would write each (endpoint, user) row per batch.
            nextRollup = now + ROLLUP_EVERY_NANOS;
            if (rolled > 0) {
                return true;
            }
        }
        if (retentionRunning || now - nextRetention >= 0) {
            if (!retentionRunning) {
                retention.restart();
                retentionRunning = true;
            }
            long micros = EpochMicros.of(clock.instant());
            retentionRunning = transactions.run("delete old requests", c -> retention.step(c, micros));
            if (!retentionRunning) {
                nextRetention = now + RETENTION_EVERY_NANOS;
            }
            return true;
        }
        return false;
    }
}
