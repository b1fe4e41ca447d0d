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

    /**
     * The one raw read of the status page, the most recent failures, walks the partial index of failed
     * requests (a few percent of the rows), of all users or of one, never the table by time.
     */
    @Test
    void recentFailuresReadTheIndexOfFailedRequests() throws Exception {
        TestDatabase db = database();
        String url = db.freshUrl();
        store = SqlitePlans.filledStore(db, url);
        try (Connection c = db.connect(url)) {
            String failed = SqlitePlans.plan(c, "SELECT " + StatusQueries.REQUEST_COLUMNS + StatusQueries.REQUEST_FROM
                    + " WHERE r.endpoint_id = 1 AND r.kind < 0 AND r.started_ms >= 0 AND r.started_ms < 1"
                    + " ORDER BY r.started_ms DESC, r.id DESC LIMIT 20");
            assertTrue(failed.contains("INDEX request_failed "), failed);
            String ofUser = SqlitePlans.plan(c, "SELECT " + StatusQueries.REQUEST_COLUMNS + StatusQueries.REQUEST_FROM
                    + " WHERE r.endpoint_id = 1 AND r.kind < 0 AND r.started_ms >= 0 AND r.started_ms < 1"
                    + " AND r.user_id = 3 ORDER BY r.started_ms DESC, r.id DESC LIMIT 20");
            assertTrue(ofUser.contains("INDEX request_failed "), ofUser);
        }
    }
}
