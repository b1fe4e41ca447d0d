package dev.monitordash.core.query;

import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.EpochMicros;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.SqliteTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqliteViewsWithoutRawRowsTest extends ViewsWithoutRawRowsContract {

    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return new SqliteTestDatabase(dir);
    }

    /**
     * What SQLite does with each raw read of the views, the export and its count, as the statements really
     * ran (parameters included, statistics gathered): a search by rowid range or the partial index of failed
     * requests, never a scan of the table. The one exception reads the first 1 000 rows by id (the oldest
     * stored request).
     */
    @Test
    void rawReadsOfViewsAndExportSearchByIdRangeOrTheIndexOfFailedRequests() throws Exception {
        open();
        writeTenDays();
        store.writeBatch(List.of(new RequestRecord(Records.endpoint("/a"), EpochMicros.of(NOW.minusSeconds(60)),
                1_000_000, "GET", 500, "ann", "10.0.0.1")), new Origin("3.0", "shop", "node-1"));
        try (Connection c = database().connect(url); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        RecordingConnections recording = new RecordingConnections(database(), url);
        DashboardQueries dashboard = new JdbcDashboardQueries(recording, Clock.fixed(NOW, ZoneOffset.UTC));

        allViews(dashboard);
        // Starts and ends inside quarter hours: the count reads the raw rows of those minutes.
        TimeRange range = new TimeRange(NOW.minus(Duration.ofDays(3)).plusSeconds(7 * 60 + 13),
                NOW.minusSeconds(3_600 + 11 * 60));
        for (String endpoint : new String[] {null, "/b"}) {
            dashboard.analytics().export(endpoint, range, r -> { });
            dashboard.analytics().countRequests(endpoint, range);
        }

        List<RecordingConnections.Executed> raw = rawReads(recording);
        assertTrue(raw.stream().anyMatch(s -> s.sql().contains("ORDER BY r.id")), "the export");
        assertTrue(raw.stream().anyMatch(s -> s.sql().startsWith("SELECT COUNT(*) FROM request")), "the count");
        assertTrue(raw.stream().anyMatch(s -> s.sql().contains("r.kind < 0")), "the failure list");
        try (Connection c = database().connect(url)) {
            for (RecordingConnections.Executed s : raw) {
                if (s.sql().contains("ORDER BY id LIMIT")) {
                    continue;
                }
                String plan = plan(c, s);
                assertFalse(plan.matches("(?s).*\\bSCAN (r|request)\\b.*"), s.sql() + "\n" + plan);
                assertTrue(plan.contains("USING INTEGER PRIMARY KEY (rowid>") || plan.contains("INDEX request_failed"),
                        s.sql() + "\n" + plan);
            }
        }
    }

    static String plan(Connection c, RecordingConnections.Executed s) throws Exception {
        StringBuilder out = new StringBuilder();
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN QUERY PLAN " + s.sql())) {
            for (var p : s.params().entrySet()) {
                ps.setObject(p.getKey(), p.getValue());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.append(rs.getString(4)).append('\n');
                }
            }
        }
        return out.toString();
    }
}
