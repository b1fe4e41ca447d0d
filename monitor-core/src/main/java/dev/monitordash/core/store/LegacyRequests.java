package dev.monitordash.core.store;

import dev.monitordash.core.record.Origin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves the requests of a V1-V3 database ({@code request_v1}, strings in every row) into the compact
 * request table and its rollups, newest first and in bounded chunks on the writer thread between batches: a
 * 10 M-row database converts in minutes while the application keeps serving and recording, and the recent
 * days the dashboard opens on are converted first. Rows keep their ids, so outliers and profiles stay
 * linked. Each chunk is one transaction (insert, rollups, delete from request_v1): a crash or a failed
 * chunk leaves nothing half-moved, and the next chunk simply retries.
 */
final class LegacyRequests {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyRequests.class);
    private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

    private final Dialect dialect;
    private final TimeRollups timeRollups;
    private final UserRollups userRollups;
    private final Dictionaries dictionaries = new Dictionaries();
    private volatile Boolean pending; // null: not known yet
    private long total = -1;
    private long moved;
    private long startNanos;
    private long lastLogNanos;

    LegacyRequests(Dialect dialect) {
        this.dialect = dialect;
        this.timeRollups = new TimeRollups(dialect, new StatementCache());
        this.userRollups = new UserRollups(dialect);
    }

    /**
     * In the migration's transaction, after V5's layout exists: new request ids must start above every
     * V1 id, so the newest V1 row moves now (on SQLite it is then the rowid mark, unless V4 rows already
     * are) and PostgreSQL's sequence is set past it and past the rows already in {@code request}.
     */
    void startMigration(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, "request_v1", null)) {
            if (!rs.next()) {
                pending = false;
                return;
            }
        }
        long max;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(id) FROM request_v1")) {
            rs.next();
            max = rs.getLong(1);
            if (rs.wasNull()) {
                s.execute("DROP TABLE request_v1");
                pending = false;
                return;
            }
        }
        dialect.reserveRequestIds(c, Math.max(max, BatchWriter.maxId(c)));
        moveChunk(c, 1);
        dictionaries.committed(); // the migration commits with its caller; a failure clears the store anyway
    }

    /** False once the database is known to hold no V1 rows: no need to ask it. */
    boolean maybePending() {
        return !Boolean.FALSE.equals(pending);
    }

    /** Whether V1 rows may still wait to be moved; asks the database once. */
    boolean pending(Connection c) throws SQLException {
        if (pending == null) {
            try (ResultSet rs = c.getMetaData().getTables(null, null, "request_v1", null)) {
                pending = rs.next();
            }
            if (pending && total < 0) {
                // Counted here, in a read-only transaction: a count of millions of rows takes seconds, which
                // the writer must not wait for behind a chunk's write lock.
                total = count(c);
                startNanos = System.nanoTime();
                lastLogNanos = startNanos;
                if (total > 1) {
                    LOG.info("MonitorDash converts {} stored requests to its compact format, newest first, in "
                            + "the background; recording goes on meanwhile", total);
                }
            }
        }
        return pending;
    }

    /** Moves up to {@code n} of the newest V1 rows; drops request_v1 once it is empty. Returns rows moved. */
    int moveChunk(Connection c, int n) throws SQLException {
        BatchWriter.holdWriteLock(c);
        List<Object[]> raw = new ArrayList<>(n);
        try (PreparedStatement ps = c.prepareStatement("SELECT id, endpoint_id, started_at, duration, method, status, "
                + "version, user_name, client_ip, service, instance FROM request_v1 ORDER BY id DESC LIMIT ?")) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    raw.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                            rs.getInt(6), new Origin(rs.getString(7), rs.getString(10), rs.getString(11)),
                            rs.getString(8), rs.getString(9)});
                }
            }
        }
        if (raw.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE request_v1");
            }
            pending = false;
            if (total > 1) {
                LOG.info("MonitorDash converted all {} stored requests in {} s", moved,
                        (System.nanoTime() - startNanos) / 1_000_000_000L);
            }
            return 0;
        }
        Set<String> users = new HashSet<>();
        Set<String> clients = new HashSet<>();
        for (Object[] r : raw) {
            users.add((String) r[7]);
            clients.add((String) r[8]);
        }
        Map<String, Long> userIds = dictionaries.users.ids(c, users);
        Map<String, Long> clientIds = dictionaries.clients.ids(c, clients);
        List<RequestRow> rows = new ArrayList<>(raw.size());
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO request (id, endpoint_id, started_ms, duration, "
                + "kind, origin_id, user_id, client_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Object[] r : raw) {
                long originId = dictionaries.originId(c, (Origin) r[6]);
                RequestRow row = new RequestRow((Long) r[0], (Long) r[1], (Long) r[2], (Long) r[3], (Integer) r[5],
                        originId, r[7] == null ? 0 : userIds.get((String) r[7]),
                        r[8] == null ? 0 : clientIds.get((String) r[8]));
                rows.add(row);
                ins.setLong(1, row.id());
                BatchWriter.setRequest(ins, 1, row,
                        dictionaries.kinds.id(c, new RequestKinds.Kind(r[4] == null ? "" : (String) r[4], row.status())));
                ins.addBatch();
            }
            ins.executeBatch();
        }
        timeRollups.add(c, rows, 0, 0);
        userRollups.add(c, rows);
        try (PreparedStatement del = c.prepareStatement("DELETE FROM request_v1 WHERE id >= ? AND id <= ?")) {
            del.setLong(1, rows.get(rows.size() - 1).id());
            del.setLong(2, rows.get(0).id());
            del.executeUpdate();
        }
        return raw.size();
    }

    /** After the chunk's transaction committed. */
    void committed(int rows) {
        dictionaries.committed();
        moved += rows;
        long now = System.nanoTime();
        if (total > 1 && now - lastLogNanos >= LOG_INTERVAL_NANOS) {
            lastLogNanos = now;
            double rate = moved / Math.max(1e-9, (now - startNanos) / 1e9);
            LOG.info("MonitorDash converted {} of {} stored requests ({} %), about {} s left", moved, total,
                    Math.min(100, moved * 100 / total), Math.round(Math.max(0, total - moved) / Math.max(1, rate)));
        }
    }

    /** After a failed chunk: forget what its transaction learned. */
    void failed() {
        dictionaries.clear();
        pending = null;
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM request_v1")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
