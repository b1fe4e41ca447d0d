package dev.monitordash.core.query;

import dev.monitordash.core.testing.SqliteTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
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
        store = SqlitePlans.filledStore(db, url);
        String range = DistributionQueries.IN_RANGE.replace("?", "1");
        try (Connection c = db.connect(url)) {
            for (String sql : List.of(
                    "SELECT (started_at / 3600000000), COUNT(*) FROM request WHERE " + range + " GROUP BY 1",
                    "SELECT (started_at / 3600000000), COUNT(*), MIN(duration), SUM(duration), MAX(duration) "
                            + "FROM request WHERE " + range + " GROUP BY 1",
                    "SELECT duration FROM request WHERE " + range + " ORDER BY duration LIMIT 2 OFFSET 1",
                    "SELECT status, COUNT(*) FROM request WHERE " + range + " GROUP BY status")) {
                String plan = SqlitePlans.plan(c, sql);
                assertTrue(plan.contains("COVERING INDEX request_endpoint_time"), sql + "\n" + plan);
            }
            String load = SqlitePlans.plan(c, "SELECT (started_at / 3600000000), COUNT(*) FROM request "
                    + "WHERE started_at >= 0 AND started_at < 1 GROUP BY 1");
            assertTrue(load.contains("COVERING INDEX request_started"), load);
        }
    }
}
