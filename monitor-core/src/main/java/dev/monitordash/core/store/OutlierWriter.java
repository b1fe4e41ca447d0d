package dev.monitordash.core.store;

import dev.monitordash.core.outlier.CapturedThread;
import dev.monitordash.core.outlier.NameValue;
import dev.monitordash.core.outlier.OutlierCapture;
import dev.monitordash.core.outlier.RequestData;
import dev.monitordash.core.outlier.SystemSnapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes outliers inside the batch's transaction, after their request rows, and keeps only the newest
 * {@code keep} outliers of each endpoint that gained one. Outliers are rare (a few per endpoint and
 * minute at worst), so plain statements per outlier are fine here; the request rows around them keep
 * their JDBC batch.
 */
final class OutlierWriter {

    private static final String INSERT = "INSERT INTO outlier (request_id, endpoint_id, captured_at, ran_for, "
            + "threshold, url, query, method, remote_address, user_name, request_thread, request_stack, "
            + "cpu_per_core, cpu_total, memory_total, memory_available, heap_used, heap_committed, heap_max, "
            + "non_heap_used, non_heap_committed, gc_count, gc_time, thread_count, daemon_thread_count, "
            + "peak_thread_count, load_1, load_5, load_15, notes) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_FIELD = "INSERT INTO outlier_field (outlier_id, kind, position, name, value) "
            + "VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_THREAD = "INSERT INTO outlier_thread (outlier_id, position, thread_id, "
            + "name, state, daemon, lock_name, lock_owner, stack) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final int keep;
    private final Dialect dialect;

    OutlierWriter(int keep, Dialect dialect) {
        this.keep = keep;
        this.dialect = dialect;
    }

    /** Inserts one outlier for the request row {@code requestId}. */
    void insert(Connection c, long requestId, long endpointId, OutlierCapture o) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
            RequestData r = o.request();
            SystemSnapshot s = o.system();
            int i = 0;
            ps.setLong(++i, requestId);
            ps.setLong(++i, endpointId);
            ps.setLong(++i, o.capturedAtMicros());
            ps.setLong(++i, o.ranForNanos() / 1_000);
            ps.setLong(++i, o.thresholdNanos() / 1_000);
            ps.setString(++i, r == null ? null : r.url());
            ps.setString(++i, r == null ? null : r.query());
            ps.setString(++i, r == null ? null : r.method());
            ps.setString(++i, r == null ? null : r.remoteAddress());
            ps.setString(++i, r == null ? null : r.user());
            ps.setString(++i, o.requestThread());
            ps.setString(++i, o.requestStack());
            ps.setString(++i, s.cpuPerCore().stream().map(String::valueOf).collect(Collectors.joining(",")));
            ps.setDouble(++i, s.cpuTotal());
            ps.setLong(++i, s.memoryTotal());
            ps.setLong(++i, s.memoryAvailable());
            ps.setLong(++i, s.heapUsed());
            ps.setLong(++i, s.heapCommitted());
            ps.setLong(++i, s.heapMax());
            ps.setLong(++i, s.nonHeapUsed());
            ps.setLong(++i, s.nonHeapCommitted());
            ps.setLong(++i, s.gcCount());
            ps.setLong(++i, s.gcTimeMillis());
            ps.setInt(++i, s.threadCount());
            ps.setInt(++i, s.daemonThreadCount());
            ps.setInt(++i, s.peakThreadCount());
            ps.setDouble(++i, s.loadAverage().get(0));
            ps.setDouble(++i, s.loadAverage().get(1));
            ps.setDouble(++i, s.loadAverage().get(2));
            ps.setString(++i, String.join("\n", notes(o)));
            ps.executeUpdate();
            id = dialect.generatedId(ps);
        }
        if (o.request() != null) {
            insertFields(c, id, o.request());
        }
        insertThreads(c, id, o.threads());
    }

    private static List<String> notes(OutlierCapture o) {
        List<String> all = new ArrayList<>(o.notes());
        if (o.request() != null) {
            all.addAll(o.request().notes());
        }
        all.addAll(o.system().notes());
        // One note per line in the column: a note never spans lines.
        all.replaceAll(n -> n.replace('\n', ' ').replace('\r', ' '));
        return all;
    }

    private static void insertFields(Connection c, long id, RequestData r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_FIELD)) {
            addFields(ps, id, "header", r.headers());
            addFields(ps, id, "parameter", r.parameters());
            ps.executeBatch();
        }
    }

    private static void addFields(PreparedStatement ps, long id, String kind, List<NameValue> items)
            throws SQLException {
        int position = 0;
        for (NameValue nv : items) {
            ps.setLong(1, id);
            ps.setString(2, kind);
            ps.setInt(3, position++);
            ps.setString(4, nv.name());
            ps.setString(5, nv.value() == null ? "" : nv.value());
            ps.addBatch();
        }
    }

    private static void insertThreads(Connection c, long id, List<CapturedThread> threads) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_THREAD)) {
            int position = 0;
            for (CapturedThread t : threads) {
                ps.setLong(1, id);
                ps.setInt(2, position++);
                ps.setLong(3, t.id());
                ps.setString(4, t.name());
                ps.setString(5, t.state());
                ps.setBoolean(6, t.daemon());
                setNullable(ps, 7, t.lock());
                setNullable(ps, 8, t.lockOwner());
                ps.setString(9, t.stack());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Deletes all but the newest {@code keep} outliers of each endpoint, with their fields and threads. */
    void retain(Connection c, Set<Long> endpointIds) throws SQLException {
        Retention.retain(c, "outlier", List.of("DELETE FROM outlier_field WHERE outlier_id = ?",
                "DELETE FROM outlier_thread WHERE outlier_id = ?"), endpointIds, keep);
    }

    private static void setNullable(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }
}
