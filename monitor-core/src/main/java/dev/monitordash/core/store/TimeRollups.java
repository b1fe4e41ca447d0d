package dev.monitordash.core.store;

import dev.monitordash.core.rollup.Lenient;
import dev.monitordash.core.rollup.DurationSketch;
import dev.monitordash.core.rollup.Reservoir;
import dev.monitordash.core.rollup.StatusCounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Maintains {@code rollup_hour} and {@code rollup_day} inside the transaction that inserts the rows: the
 * batch is aggregated in memory first, so each rollup row it touches is read once (locked on PostgreSQL)
 * and written once. Rows are keyed by origin too, so two instances never write the same rollup row; the
 * lock keeps counts exact even when two JVMs share one origin by configuration.
 */
final class TimeRollups {

    /** Durations kept per (day, endpoint, origin) for the report's rank test. */
    static final int SAMPLE_SIZE = 200;

    record Key(long bucket, long endpointId, long originId) {
    }

    /** What a batch adds to one rollup_hour row. */
    static final class Hour {
        long requests;
        long errors4;
        long errors5;
        long total;
        long fastest = Long.MAX_VALUE;
        long slowest = Long.MIN_VALUE;
        final long[] quarters = new long[4];
        long firstId = Long.MAX_VALUE;
        long lastId = Long.MIN_VALUE;
        StatusCounts statuses = new StatusCounts();
        DurationSketch sketch = new DurationSketch();

        void add(RequestRow r, long loId, long hiId) {
            requests++;
            if (r.status() >= 500) {
                errors5++;
            } else if (r.status() >= 400) {
                errors4++;
            }
            total += r.duration();
            fastest = Math.min(fastest, r.duration());
            slowest = Math.max(slowest, r.duration());
            quarters[r.quarter()]++;
            firstId = Math.min(firstId, r.id() > 0 ? r.id() : loId);
            lastId = Math.max(lastId, r.id() > 0 ? r.id() : hiId);
            statuses.add(r.status());
            sketch.add(r.duration());
        }
    }

    /** What a batch adds to one rollup_day row; durations in batch order for the reservoir. */
    static final class Day {
        long requests;
        long errors4;
        long errors5;
        long total;
        long fastest = Long.MAX_VALUE;
        long slowest = Long.MIN_VALUE;
        StatusCounts statuses = new StatusCounts();
        DurationSketch sketch = new DurationSketch();
        long[] durations = new long[16];
        Reservoir sample;

        void add(RequestRow r) {
            if (requests == durations.length) {
                durations = java.util.Arrays.copyOf(durations, durations.length * 2);
            }
            durations[(int) requests] = r.duration();
            requests++;
            if (r.status() >= 500) {
                errors5++;
            } else if (r.status() >= 400) {
                errors4++;
            }
            total += r.duration();
            fastest = Math.min(fastest, r.duration());
            slowest = Math.max(slowest, r.duration());
            statuses.add(r.status());
            sketch.add(r.duration());
        }
    }

    private static final String HOUR_COLUMNS = "requests, errors_4xx, errors_5xx, total, fastest, slowest, "
            + "quarter_2, quarter_3, quarter_4, first_id, last_id, statuses, sketch";
    private static final String DAY_COLUMNS = "requests, errors_4xx, errors_5xx, total, fastest, slowest, statuses, "
            + "sketch, sample";
    private static final String UPDATE_HOUR = "UPDATE rollup_hour SET requests = ?, errors_4xx = ?, "
            + "errors_5xx = ?, total = ?, fastest = ?, slowest = ?, quarter_2 = ?, quarter_3 = ?, "
            + "quarter_4 = ?, first_id = ?, last_id = ?, statuses = ?, sketch = ? "
            + "WHERE hour = ? AND endpoint_id = ? AND origin_id = ?";
    private static final String INSERT_HOUR = "INSERT INTO rollup_hour (" + HOUR_COLUMNS
            + ", hour, endpoint_id, origin_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (hour, endpoint_id, origin_id) DO NOTHING";
    private static final String UPDATE_DAY = "UPDATE rollup_day SET requests = ?, errors_4xx = ?, "
            + "errors_5xx = ?, total = ?, fastest = ?, slowest = ?, statuses = ?, sketch = ?, sample = ? "
            + "WHERE day = ? AND endpoint_id = ? AND origin_id = ?";
    private static final String INSERT_DAY = "INSERT INTO rollup_day (" + DAY_COLUMNS
            + ", day, endpoint_id, origin_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON CONFLICT (day, endpoint_id, origin_id) DO NOTHING";

    private final SplittableRandom random = new SplittableRandom();
    private final StatementCache statements;
    private final String selectHour;
    private final String selectDay;

    TimeRollups(Dialect dialect, StatementCache statements) {
        this.statements = statements;
        this.selectHour = "SELECT " + HOUR_COLUMNS + " FROM rollup_hour "
                + "WHERE hour = ? AND endpoint_id = ? AND origin_id = ?" + dialect.forUpdate();
        this.selectDay = "SELECT " + DAY_COLUMNS + " FROM rollup_day "
                + "WHERE day = ? AND endpoint_id = ? AND origin_id = ?" + dialect.forUpdate();
    }

    /**
     * Adds the rows to their hour and day rollups.
     *
     * @param loId a lower bound of the ids of rows inserted without a known id ({@link RequestRow#id()} 0)
     * @param hiId an upper bound of those ids
     */
    void add(Connection c, List<RequestRow> rows, long loId, long hiId) throws SQLException {
        Map<Key, Hour> hours = new HashMap<>();
        Map<Key, Day> days = new HashMap<>();
        for (RequestRow r : rows) {
            hours.computeIfAbsent(new Key(r.hour(), r.endpointId(), r.originId()), k -> new Hour()).add(r, loId, hiId);
            days.computeIfAbsent(new Key(r.day(), r.endpointId(), r.originId()), k -> new Day()).add(r);
        }
        writeHours(c, hours);
        writeDays(c, days);
    }

    private void writeHours(Connection c, Map<Key, Hour> hours) throws SQLException {
        PreparedStatement select = statements.prepare(c, selectHour);
        PreparedStatement update = statements.prepare(c, UPDATE_HOUR);
        PreparedStatement insert = statements.prepare(c, INSERT_HOUR);
        int updates = 0;
        for (Map.Entry<Key, Hour> e : hours.entrySet()) {
            Key k = e.getKey();
            Hour h = e.getValue();
            if (!mergeStoredHour(select, k, h)) {
                bindHour(insert, h, k);
                if (insert.executeUpdate() == 1) {
                    continue;
                }
                // Another writer of the same origin inserted it meanwhile: merge into theirs.
                if (!mergeStoredHour(select, k, h)) {
                    throw new SQLException("rollup_hour row " + k + " neither insertable nor found");
                }
            }
            bindHour(update, h, k);
            update.addBatch();
            updates++;
        }
        if (updates > 0) {
            update.executeBatch();
        }
    }

    /** Adds the stored row's values into {@code h}; false when there is no row. */
    private static boolean mergeStoredHour(PreparedStatement select, Key k, Hour h) throws SQLException {
        bindKey(select, 1, k);
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            h.requests += rs.getLong(1);
            h.errors4 += rs.getLong(2);
            h.errors5 += rs.getLong(3);
            h.total += rs.getLong(4);
            h.fastest = Math.min(h.fastest, rs.getLong(5));
            h.slowest = Math.max(h.slowest, rs.getLong(6));
            h.quarters[1] += rs.getLong(7);
            h.quarters[2] += rs.getLong(8);
            h.quarters[3] += rs.getLong(9);
            h.firstId = Math.min(h.firstId, rs.getLong(10));
            h.lastId = Math.max(h.lastId, rs.getLong(11));
            StatusCounts statuses = Lenient.statuses(rs.getBytes(12));
            statuses.merge(h.statuses);
            h.statuses = statuses;
            DurationSketch sketch = Lenient.sketch(rs.getBytes(13));
            sketch.merge(h.sketch);
            h.sketch = sketch;
            return true;
        }
    }

    private static void bindHour(PreparedStatement ps, Hour h, Key k) throws SQLException {
        ps.setLong(1, h.requests);
        ps.setLong(2, h.errors4);
        ps.setLong(3, h.errors5);
        ps.setLong(4, h.total);
        ps.setLong(5, h.fastest);
        ps.setLong(6, h.slowest);
        ps.setLong(7, h.quarters[1]);
        ps.setLong(8, h.quarters[2]);
        ps.setLong(9, h.quarters[3]);
        ps.setLong(10, h.firstId);
        ps.setLong(11, h.lastId);
        ps.setBytes(12, h.statuses.encode());
        ps.setBytes(13, h.sketch.encode());
        bindKey(ps, 14, k);
    }

    private void writeDays(Connection c, Map<Key, Day> days) throws SQLException {
        PreparedStatement select = statements.prepare(c, selectDay);
        PreparedStatement update = statements.prepare(c, UPDATE_DAY);
        PreparedStatement insert = statements.prepare(c, INSERT_DAY);
        int updates = 0;
        for (Map.Entry<Key, Day> e : days.entrySet()) {
            Key k = e.getKey();
            Day batch = e.getValue();
            Day merged = mergeStoredDay(select, k, batch);
            if (merged == null) {
                batch.sample = sample(new Reservoir(SAMPLE_SIZE), 0, batch);
                bindDay(insert, batch, k);
                if (insert.executeUpdate() == 1) {
                    continue;
                }
                merged = Objects.requireNonNull(mergeStoredDay(select, k, batch), "rollup_day row " + k);
            }
            bindDay(update, merged, k);
            update.addBatch();
            updates++;
        }
        if (updates > 0) {
            update.executeBatch();
        }
    }

    /**
     * The stored row plus the batch, its reservoir continued with the batch's durations (Algorithm R needs
     * how many came before: the stored count); null when there is no row.
     */
    private Day mergeStoredDay(PreparedStatement select, Key k, Day batch) throws SQLException {
        bindKey(select, 1, k);
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            Day d = new Day();
            long stored = rs.getLong(1);
            d.requests = stored + batch.requests;
            d.errors4 = rs.getLong(2) + batch.errors4;
            d.errors5 = rs.getLong(3) + batch.errors5;
            d.total = rs.getLong(4) + batch.total;
            d.fastest = Math.min(rs.getLong(5), batch.fastest);
            d.slowest = Math.max(rs.getLong(6), batch.slowest);
            d.statuses = Lenient.statuses(rs.getBytes(7));
            d.statuses.merge(batch.statuses);
            d.sketch = Lenient.sketch(rs.getBytes(8));
            d.sketch.merge(batch.sketch);
            d.sample = sample(Lenient.sample(rs.getBytes(9), SAMPLE_SIZE), stored, batch);
            return d;
        }
    }

    private Reservoir sample(Reservoir reservoir, long seenBefore, Day batch) {
        for (int i = 0; i < batch.requests; i++) {
            reservoir.offer(batch.durations[i], seenBefore + i, random);
        }
        return reservoir;
    }

    private static void bindDay(PreparedStatement ps, Day d, Key k) throws SQLException {
        ps.setLong(1, d.requests);
        ps.setLong(2, d.errors4);
        ps.setLong(3, d.errors5);
        ps.setLong(4, d.total);
        ps.setLong(5, d.fastest);
        ps.setLong(6, d.slowest);
        ps.setBytes(7, d.statuses.encode());
        ps.setBytes(8, d.sketch.encode());
        ps.setBytes(9, d.sample.encode());
        bindKey(ps, 10, k);
    }

    private static void bindKey(PreparedStatement ps, int first, Key k) throws SQLException {
        ps.setLong(first, k.bucket());
        ps.setLong(first + 1, k.endpointId());
        ps.setLong(first + 2, k.originId());
    }
}
