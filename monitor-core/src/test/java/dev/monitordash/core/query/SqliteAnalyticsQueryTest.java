package dev.monitordash.core.query;

import dev.monitordash.core.store.JdbcStore;
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

class SqliteAnalyticsQueryTest extends AnalyticsQueryContract {

    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return new SqliteTestDatabase(dir);
    }

    /** Per-endpoint heatmap, hourly series and box plot quartiles read the covering index, never the table. */
    @Test
    void perEndpointChartsReadTheCoveringIndexOnly() throws Exception {
        TestDatabase db = database();
        String url = db.freshUrl();
        store = JdbcStore.open(db.config(url).build());
        store.writeBatch(Records.many(2_000, List.of(Records.endpoint("/a"), Records.endpoint("/b")), 0, "u"),
                Records.ORIGIN);
        String range = DistributionQueries.IN_RANGE.replace("?", "1");
        try (Connection c = db.connect(url)) {
            c.createStatement().execute("ANALYZE");
            for (String sql : List.of(
                    "SELECT (started_at / 3600000000), COUNT(*) FROM request WHERE " + range + " GROUP BY 1",
                    "SELECT (started_at / 3600000000), COUNT(*), MIN(duration), SUM(duration), MAX(duration) "
                            + "FROM request WHERE " + range + " GROUP BY 1",
                    "SELECT duration FROM request WHERE " + range + " ORDER BY duration LIMIT 2 OFFSET 1",
                    "SELECT status, COUNT(*) FROM request WHERE " + range + " GROUP BY status")) {
                String plan = plan(c, sql);
                assertTrue(plan.contains("COVERING INDEX request_endpoint_time"), sql + "\n" + plan);
            }
            String load = plan(c, "SELECT (started_at / 3600000000), COUNT(*) FROM request "
                    + "WHERE started_at >= 0 AND started_at < 1 GROUP BY 1");
            assertTrue(load.contains("COVERING INDEX request_started"), load);
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
