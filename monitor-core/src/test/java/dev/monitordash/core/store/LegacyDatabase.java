package dev.monitordash.core.store;

import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A database as MonitorDash with schema version 3 left it, written with that version's plain SQL: three
 * endpoints, two versions, V1 request rows carrying their strings (ids with gaps, oldest first) and one
 * outlier linked to an old request.
 */
final class LegacyDatabase {

    /** One V1 request row, as request_detail shows it after the conversion. */
    record Row(long id, long endpointId, long startedAt, long duration, String method, int status, String version,
            String user, String client, String service, String instance) {

        String endpoint() {
            return ENDPOINTS.get((int) endpointId - 1);
        }
    }

    static final List<String> ENDPOINTS = List.of("/v1/a", "/v1/b", "/v1/c");
    static final List<String> VERSIONS = List.of("0.9", "1.0");

    final List<Row> rows;
    /** The request the outlier links to: the 5th oldest row, of /v1/a, moved by the last chunk. */
    final Row outlierRequest;

    private LegacyDatabase(List<Row> rows) {
        this.rows = rows;
        this.outlierRequest = rows.get(4 * ENDPOINTS.size());
    }

    long maxId() {
        return rows.get(rows.size() - 1).id();
    }

    /** Writes {@code n} requests spread evenly over {@code [first, last)} into a fresh database at {@code url}. */
    static LegacyDatabase write(TestDatabase db, String url, Dialect dialect, int n, Instant first, Instant last)
            throws SQLException {
        long from = Records.micros(first);
        long step = (Records.micros(last) - from) / n;
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new Row(2L * i + 3, i % 3 + 1, from + i * step, 1_000 + (i * 7919L) % 50_000,
                    i % 4 == 0 ? "POST" : "GET", i % 13 == 0 ? 404 : i % 17 == 0 ? 500 : 200,
                    VERSIONS.get(i < n / 2 ? 0 : 1), i % 9 == 0 ? null : "user-" + i % 7,
                    i % 11 == 0 ? null : "10.1.0." + i % 50, "shop", "old-" + (i % 2 + 1)));
        }
        LegacyDatabase legacy = new LegacyDatabase(rows);
        try (Connection c = db.connect(url)) {
            new SchemaMigrator(dialect).migrate(c, from, 3);
            c.setAutoCommit(false);
            legacy.insert(c, from);
            c.commit();
        }
        return legacy;
    }

    private void insert(Connection c, long firstSeen) throws SQLException {
        // Generated ids, as that version wrote them: 1, 2, 3 in a fresh database.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO endpoint (name, level, methods, first_seen, "
                + "first_version) VALUES (?, 1, 'GET,POST', ?, '0.9')")) {
            for (String name : ENDPOINTS) {
                ps.setString(1, name);
                ps.setLong(2, firstSeen);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO version (name, first_seen) VALUES (?, ?)")) {
            for (int i = 0; i < VERSIONS.size(); i++) {
                ps.setString(1, VERSIONS.get(i));
                ps.setLong(2, firstSeen + i);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO request (id, endpoint_id, started_at, duration, "
                + "method, status, version, user_name, client_ip, service, instance) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (Row r : rows) {
                ps.setLong(1, r.id());
                ps.setLong(2, r.endpointId());
                ps.setLong(3, r.startedAt());
                ps.setLong(4, r.duration());
                ps.setString(5, r.method());
                ps.setInt(6, r.status());
                ps.setString(7, r.version());
                ps.setString(8, r.user());
                ps.setString(9, r.client());
                ps.setString(10, r.service());
                ps.setString(11, r.instance());
                ps.addBatch();
                if (++pending == 1_000) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            ps.executeBatch();
        }
        Row o = outlierRequest;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outlier (request_id, endpoint_id, captured_at, "
                + "ran_for, threshold, url, method, request_thread, request_stack, cpu_per_core, cpu_total, "
                + "memory_total, memory_available, heap_used, heap_committed, heap_max, non_heap_used, "
                + "non_heap_committed, gc_count, gc_time, thread_count, daemon_thread_count, peak_thread_count, "
                + "load_1, load_5, load_15) VALUES (?, ?, ?, 900000, 500000, 'http://localhost/v1/a', 'GET', "
                + "'worker-1', 'at a.B.c(B.java:1)', '50.0', 50.0, -1, -1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, "
                + "-1, -1, -1)")) {
            ps.setLong(1, o.id());
            ps.setLong(2, o.endpointId());
            ps.setLong(3, o.startedAt() + 500_000);
            ps.executeUpdate();
        }
    }

    /** What request_detail shows, by id: the converted rows and any written since. */
    static List<Row> detail(Connection c) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, endpoint_id, started_at, duration, method, status, "
                + "version, user_name, client_ip, service, instance FROM request_detail ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                        rs.getString(11)));
            }
        }
        return out;
    }

    /** Whether request_v1 still exists. */
    static boolean hasV1Table(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, "request_v1", null)) {
            return rs.next();
        }
    }
}
