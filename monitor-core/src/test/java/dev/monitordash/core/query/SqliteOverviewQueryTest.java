package dev.monitordash.core.query;

import dev.monitordash.core.testing.SqliteTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;

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
        store = SqlitePlans.filledStore(db, url);
        try (Connection c = db.connect(url)) {
            String hits = SqlitePlans.plan(c, JdbcDashboardQueries.HITS.replace("?", "0"));
            assertTrue(hits.contains("COVERING INDEX request_endpoint_time"), hits);
            String median = SqlitePlans.plan(c, JdbcDashboardQueries.MIDDLE_DURATIONS.replace("?", "1"));
            assertTrue(median.contains("COVERING INDEX request_endpoint_time (endpoint_id=?)"), median);
        }
    }
}
