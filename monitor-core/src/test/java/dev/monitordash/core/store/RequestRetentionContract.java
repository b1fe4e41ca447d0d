package dev.monitordash.core.store;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.query.AnalyticsQueries;
import dev.monitordash.core.query.BoxPlot;
import dev.monitordash.core.query.StoredRequest;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.query.TopN;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.testing.MutableClock;
import dev.monitordash.core.testing.Outliers;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.Sql;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static dev.monitordash.core.testing.Records.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention with raw rows kept for 1 day and rollups for 3: {@link JdbcStore#retainNow()} deletes what is
 * older, keeps the requests outliers link to, and the views of older days still answer from the rollups
 * while the export of them honestly sends and counts nothing. Subclasses run it on SQLite and PostgreSQL.
 */
abstract class RequestRetentionContract {

    static final Instant NOW = Instant.parse("2025-11-10T12:30:00Z");
    /** Older than the raw rows' retention, within the rollups'. */
    static final TimeRange OLD = new TimeRange(NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(1)));
    static final Endpoint A = endpoint("/a");
    static final Endpoint B = endpoint("/b");
    static final int PER_BATCH = 40;

    protected abstract TestDatabase database();

    final MutableClock clock = new MutableClock(NOW);
    String url;
    JdbcStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    /**
     * Requests 5, 4, 2.5, 2 and 1.5 days and 12 and 1 hours ago (40 each, half /a, half /b, two versions),
     * and one outlier request of /a 2.5 days ago; the user and client rollups caught up, as the writer keeps
     * them.
     */
    AnalyticsQueries openWithHistory() {
        url = database().freshUrl();
        store = JdbcStore.open(database().config(url).retentionRequests(Duration.ofDays(1))
                .retentionRollups(Duration.ofDays(3)).build(), clock);
        Duration[] ago = {Duration.ofDays(5), Duration.ofDays(4), Duration.ofHours(60), Duration.ofDays(2),
                Duration.ofHours(36), Duration.ofHours(12), Duration.ofHours(1)};
        for (int i = 0; i < ago.length; i++) {
            long start = Records.micros(NOW.minus(ago[i]));
            List<RequestRecord> batch = new ArrayList<>(Records.many(PER_BATCH, List.of(A, B), start, "user-" + i % 3));
            if (i == 2) {
                batch.add(Outliers.record(A, start + 500, 2_000_000, "kept"));
            }
            store.writeBatch(batch, new Origin(i < 3 ? "1.0" : "2.0", "shop", "node-1"));
        }
        store.catchUp();
        return store.queries().analytics();
    }

    long count(String sql, Object... params) throws Exception {
        return Sql.longValue(database(), url, sql, params);
    }

    @Test
    void retainNowDeletesRawRowsOlderThanTheRetentionButKeepsNewerOnesAndThoseOfOutliers() throws Exception {
        openWithHistory();
        long cutoff = Records.micros(NOW.minus(Duration.ofDays(1)));
        assertEquals(5 * PER_BATCH + 1, count("SELECT COUNT(*) FROM request WHERE started_ms * 1000 < ?", cutoff));

        store.retainNow();

        assertEquals(1, count("SELECT COUNT(*) FROM request WHERE started_ms * 1000 < ?", cutoff),
                "only the outlier's request is older");
        assertEquals(1, count("SELECT COUNT(*) FROM request r JOIN outlier o ON o.request_id = r.id"));
        assertEquals(2 * PER_BATCH, count("SELECT COUNT(*) FROM request WHERE started_ms * 1000 >= ?", cutoff));
        assertEquals(1, store.queries().outliers("/a", 10).size(), "the outlier keeps its request");
        assertEquals(2_000.0, store.queries().outliers("/a", 10).get(0).durationMillis(), 1e-9);
    }

    @Test
    void retainNowDeletesRollupsOlderThanTheirRetention() throws Exception {
        openWithHistory();
        long cutoff = Records.micros(NOW.minus(Duration.ofDays(3)));
        long hourCutoff = Math.floorDiv(cutoff, RequestRow.HOUR_MICROS);
        long dayCutoff = Math.floorDiv(cutoff, RequestRow.DAY_MICROS);
        assertTrue(count("SELECT COUNT(*) FROM rollup_hour WHERE hour < ?", hourCutoff) > 0);

        store.retainNow();

        assertEquals(0, count("SELECT COUNT(*) FROM rollup_hour WHERE hour < ?", hourCutoff));
        for (String table : List.of("rollup_day", "rollup_user", "rollup_client")) {
            assertEquals(0, count("SELECT COUNT(*) FROM " + table + " WHERE day < ?", dayCutoff), table);
        }
        long kept = 5 * PER_BATCH + 1; // 2.5 days ago and since, the outlier's request among them
        assertEquals(kept, count("SELECT SUM(requests) FROM rollup_hour"));
        assertEquals(kept, count("SELECT SUM(requests) FROM rollup_day"));
        assertEquals(kept, count("SELECT SUM(requests) FROM rollup_user"));
        assertEquals(kept, count("SELECT SUM(requests) FROM rollup_client"));
    }

    @Test
    void viewsOfDaysWithoutRawRowsStillAnswerFromRollups() {
        AnalyticsQueries q = openWithHistory();
        List<String> before = views(q);
        assertTrue(before.get(0).contains("count=" + 3 * PER_BATCH / 2), before.get(0));

        store.retainNow();

        assertEquals(5 * PER_BATCH + 1, store.queries().overview(ZoneOffset.UTC).stream()
                .mapToLong(r -> r.hitsTotal()).sum(), "overview: the days kept, 2.5 days ago and since");
        assertEquals(before, views(q));
    }

    /** The views of {@link #OLD}, as text. */
    static List<String> views(AnalyticsQueries q) {
        List<String> out = new ArrayList<>();
        out.add(q.endpointBoxes(OLD).stream().map(b -> b.label() + " count=" + b.count() + " max=" + b.max())
                .toList().toString());
        out.add(q.versionUsage(OLD).cells().toString());
        out.add(q.userBoxes("/a", OLD, null, new TopN(10, TopN.Order.REQUESTS)).boxes().stream()
                .map(BoxPlot::toString).toList().toString());
        out.add(q.statusCodes("/b", OLD, 10).codes().toString());
        out.add(q.versionBoxes("/a", OLD).toString());
        out.add(String.valueOf(q.loadHeatmap(LocalDate.parse("2025-11-07"), LocalDate.parse("2025-11-09"),
                ZoneOffset.UTC).total()));
        return out;
    }

    @Test
    void exportOfDaysWithoutRawRowsSendsAndCountsOnlyWhatRetentionKept() throws Exception {
        AnalyticsQueries q = openWithHistory();
        store.retainNow();

        // 2 and 1.5 days ago: rollups only.
        TimeRange noRawRows = new TimeRange(NOW.minus(Duration.ofHours(50)), NOW.minus(Duration.ofDays(1)));
        List<StoredRequest> sent = new ArrayList<>();
        assertEquals(0, q.export(null, noRawRows, sent::add));
        assertEquals(0, q.export("/a", noRawRows, sent::add));
        assertEquals(List.of(), sent);
        assertEquals(0, q.countRequests(null, noRawRows));
        assertEquals(0, q.countRequests("/a", noRawRows));

        // 2.5 days ago: what retention kept, the outlier's request, is counted as it is sent.
        TimeRange withOutlier = new TimeRange(NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofHours(50)));
        assertEquals(1, q.export(null, withOutlier, sent::add));
        assertEquals(2_000.0, sent.get(0).durationMillis(), 1e-9);
        assertEquals(1, q.countRequests(null, withOutlier));
        assertEquals(1, q.countRequests("/a", withOutlier));
        assertEquals(0, q.countRequests("/b", withOutlier));

        TimeRange recent = new TimeRange(NOW.minus(Duration.ofDays(1)), NOW);
        assertEquals(2 * PER_BATCH, q.countRequests(null, recent));
        assertEquals(2 * PER_BATCH, q.export(null, recent, r -> { }));
    }
}
