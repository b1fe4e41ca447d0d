package dev.monitordash.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Deletes raw request rows older than {@code monitordash.retention.requests} and rollup rows older than
 * {@code monitordash.retention.rollups}, one bounded step (one transaction) at a time, between the
 * writer's batches: recording never waits for more than one step. Test runs and test hits follow the
 * rollups' retention. Requests that an outlier or a profile
 * links to are kept with them (their own retention keeps the last few per endpoint). A failed step changes
 * nothing (one transaction) and is simply tried again later.
 */
final class RequestRetention {

    /** Raw rows examined per step: one step is a few milliseconds of the writer's time. */
    static final int ROWS_PER_STEP = 10_000;

    private final long requestsMicros;
    private final long rollupsMicros;
    private long cursor = -1; // last request id examined in the current run; -1: start from the oldest
    private long endpointCursor = -1; // last endpoint whose old user and client rollups were deleted

    RequestRetention(Duration requests, Duration rollups) {
        this.requestsMicros = requests.toNanos() / 1_000;
        this.rollupsMicros = rollups.toNanos() / 1_000;
    }

    /** Starts a new run from the oldest rows. */
    void restart() {
        cursor = -1;
        endpointCursor = -1;
    }

    /**
     * One step of the run at {@code nowMicros}: deletes within the next {@link #ROWS_PER_STEP} raw rows, or
     * one endpoint's old user rollups, or old hour and day rollups.
     *
     * @return true when the run has more to do
     */
    boolean step(Connection c, long nowMicros) throws SQLException {
        BatchWriter.holdWriteLock(c);
        long requestCutoff = nowMicros - requestsMicros;
        if (cursor != Long.MAX_VALUE) {
            if (cursor < 0) {
                cursor = minId(c) - 1;
            }
            long windowEnd = windowEnd(c, cursor);
            if (windowEnd <= cursor) {
                cursor = Long.MAX_VALUE; // no rows left to examine
            } else {
                // Rows are appended in about time order: once a window's oldest row is recent, the run is done.
                boolean anyOld = deleteOld(c, cursor, windowEnd, requestCutoff);
                cursor = anyOld ? windowEnd : Long.MAX_VALUE;
            }
            return true;
        }
        long rollupCutoff = nowMicros - rollupsMicros;
        long hourCutoff = Math.floorDiv(rollupCutoff, RequestRow.HOUR_MICROS);
        long dayCutoff = Math.floorDiv(rollupCutoff, RequestRow.DAY_MICROS);
        long endpoint = nextEndpoint(c, endpointCursor);
        if (endpoint >= 0) {
            for (String table : new String[] {"rollup_user", "rollup_client"}) {
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM " + table + " WHERE endpoint_id = ? AND day < ?")) {
                    ps.setLong(1, endpoint);
                    ps.setLong(2, dayCutoff);
                    ps.executeUpdate();
                }
            }
            endpointCursor = endpoint;
            return true;
        }
        if (deleteOldestTestRun(c, rollupCutoff)) {
            return true;
        }
        execute(c, "DELETE FROM test_hit WHERE last_seen < ?", rollupCutoff);
        execute(c, "DELETE FROM rollup_hour WHERE hour < ?", hourCutoff);
        execute(c, "DELETE FROM rollup_day WHERE day < ?", dayCutoff);
        return false;
    }

    /**
     * Test runs (migration V8) are kept as long as the rollups, which the Tests page compares them with: one
     * run older than that per step (a run is at most some 50 000 rows). False when there is none.
     */
    private static boolean deleteOldestTestRun(Connection c, long cutoff) throws SQLException {
        long run;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM test_run WHERE started_at < ? ORDER BY started_at, id LIMIT 1")) {
            ps.setLong(1, cutoff);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                run = rs.getLong(1);
            }
        }
        execute(c, "DELETE FROM test_result WHERE run_id = ?", run);
        execute(c, "DELETE FROM test_run WHERE id = ?", run);
        return true;
    }

    private static boolean deleteOld(Connection c, long after, long upTo, long cutoff) throws SQLException {
        boolean anyOld;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT MIN(started_ms) FROM request WHERE id > ? AND id <= ?")) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            try (ResultSet rs = ps.executeQuery()) {
                anyOld = rs.next() && rs.getLong(1) < EpochMicros.startedMsBound(cutoff) && !rs.wasNull();
            }
        }
        if (anyOld) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM request WHERE id > ? AND id <= ? "
                    + "AND started_ms < ? AND NOT EXISTS (SELECT 1 FROM outlier o WHERE o.request_id = request.id) "
                    + "AND NOT EXISTS (SELECT 1 FROM profile p WHERE p.request_id = request.id)")) {
                ps.setLong(1, after);
                ps.setLong(2, upTo);
                ps.setLong(3, EpochMicros.startedMsBound(cutoff));
                ps.executeUpdate();
            }
        }
        return anyOld;
    }

    private static long minId(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MIN(id), 0) FROM request");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The id {@link #ROWS_PER_STEP} rows after {@code after}, or the last id; {@code after} when none. */
    private static long windowEnd(Connection c, long after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM (SELECT id FROM request WHERE id > ? "
                + "ORDER BY id LIMIT " + ROWS_PER_STEP + ") w")) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? after : id;
            }
        }
    }

    private static long nextEndpoint(Connection c, long after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(id) FROM endpoint WHERE id > ?")) {
            ps.setLong(1, after);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return rs.wasNull() ? -1 : id;
            }
        }
    }

    private static void execute(Connection c, String sql, long value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, value);
            ps.executeUpdate();
        }
    }
}
