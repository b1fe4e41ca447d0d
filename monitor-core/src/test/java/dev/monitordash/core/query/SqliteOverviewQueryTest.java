package dev.monitordash.core.query;

import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.SqliteTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteOverviewQueryTest extends OverviewQueryContract {

    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return new SqliteTestDatabase(dir);
    }

    /** The overview must read the covering index only, never the request table, however large it grows. */
    @Test
    void overviewQueriesReadIndexesNotTheRequestTable() throws Exception {
        TestDatabase db = database();
        String url = db.freshUrl();
        store = dev.monitordash.core.store.JdbcStore.open(db.config(url).build());
        store.writeBatch(Records.many(2_000, List.of(Records.endpoint("/a"), Records.endpoint("/b")), 0, "u"),
                Records.ORIGIN);
        try (Connection c = db.connect(url)) {
            c.createStatement().execute("ANALYZE");
            String hits = plan(c, JdbcDashboardQueries.HITS.replace("?", "0"));
            assertTrue(hits.contains("COVERING INDEX request_endpoint_time"), hits);
            String median = plan(c, JdbcDashboardQueries.MIDDLE_DURATIONS.replace("?", "1"));
            assertTrue(median.contains("COVERING INDEX request_endpoint_time (endpoint_id=?)"), median);
        }
    }

    private static String plan(Connection c, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rs.next()) {
                out.append(rs.getString(4)).append('\n');
            }
        }
        return out.toString();
    }
}
