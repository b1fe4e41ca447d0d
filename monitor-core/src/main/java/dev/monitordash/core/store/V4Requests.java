package dev.monitordash.core.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * V5's Java step: copies the rows of the V4 request table ({@code request_v4}) into the V5 layout and drops
 * it, in the migration's transaction. Unlike the V1 conversion this is one INSERT ... SELECT that only
 * re-encodes columns (method and status to a kind id, microseconds to milliseconds) and keeps every id:
 * the rollups, their id ranges and the user-rollup watermarks stay valid as they are. Measured on a 10 M-row
 * SQLite file: 13 s (BENCHMARKS.md); meanwhile records queue or are dropped and counted, as in any outage.
 */
final class V4Requests {

    private static final Logger LOG = LoggerFactory.getLogger(V4Requests.class);

    private final Dialect dialect;

    V4Requests(Dialect dialect) {
        this.dialect = dialect;
    }

    void convert(Connection c) throws SQLException {
        long rows;
        long maxId;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM request_v4")) {
            rs.next();
            rows = rs.getLong(1);
            maxId = rs.getLong(2);
        }
        long start = System.nanoTime();
        if (rows > 100_000) {
            LOG.info("MonitorDash converts {} stored requests to its smaller V5 rows", rows);
        }
        RequestKinds kinds = new RequestKinds();
        List<RequestKinds.Kind> found = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT method, status FROM request_v4")) {
            while (rs.next()) {
                found.add(new RequestKinds.Kind(rs.getString(1), rs.getInt(2)));
            }
        }
        for (RequestKinds.Kind k : found) {
            kinds.id(c, k);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO request (id, endpoint_id, started_ms, duration, "
                + "kind, origin_id, user_id, client_id) SELECT r.id, r.endpoint_id, r.started_at / 1000, r.duration, "
                + "k.id, r.origin_id, r.user_id, r.client_id FROM request_v4 r "
                + "JOIN request_kind k ON k.method = r.method AND k.status = r.status ORDER BY r.id")) {
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE request_v4");
        }
        if (maxId > 0) {
            // SQLite hands out MAX(rowid) + 1 of the table, which now holds the V4 ids; PostgreSQL's new
            // identity starts at 1 and must be moved past them.
            dialect.reserveRequestIds(c, maxId);
        }
        if (rows > 100_000) {
            LOG.info("MonitorDash converted {} stored requests in {} s", rows,
                    (System.nanoTime() - start) / 1_000_000_000L);
        }
    }
}
