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

    /** The overview reads the daily rollups, never the request table, however large it grows. */
    @Test
    void overviewReadsRollupsNotTheRequestTable() throws Exception {
        TestDatabase db = database();
        String url = db.freshUrl();
        store = SqlitePlans.filledStore(db, url);
        try (Connection c = db.connect(url)) {
            String days = SqlitePlans.plan(c, JdbcDashboardQueries.DAYS);
            assertTrue(days.contains("rollup_day") && !days.contains("request"), days);
        }
    }
}
