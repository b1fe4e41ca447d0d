package dev.monitordash.core.store;

import dev.monitordash.core.query.AnalyticsQueries;
import dev.monitordash.core.query.BoxPlot;
import dev.monitordash.core.query.OutlierSummary;
import dev.monitordash.core.query.OverviewRow;
import dev.monitordash.core.query.StatusCodes;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.query.TopN;
import dev.monitordash.core.query.VersionUsage;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.Sql;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening a database that an older MonitorDash (schema version 3) left behind: the V1 rows are moved into
 * the compact table with their ids and strings, newest first, chunk by chunk between the writer's batches,
 * and the rollups the views read count them as the raw rows did. Subclasses run it on SQLite and PostgreSQL.
 */
abstract class LegacyConversionContract {

    static final Instant NOW = Instant.parse("2025-06-04T12:00:00Z");
    static final TimeRange ALL = new TimeRange(NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(1)));
    static final Origin NEW = new Origin("2.0", "shop", "new-1");

    protected abstract TestDatabase database();

    abstract Dialect dialect();

    /** Statements that make every DELETE from request_v1 fail: a conversion chunk fails at its very end. */
    abstract List<String> failDeletesFromV1();

    abstract String allowDeletesFromV1();

    String url;
    final List<JdbcStore> opened = new ArrayList<>();

    @BeforeEach
    void freshDatabase() {
        url = database().freshUrl();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcStore::close);
    }

    LegacyDatabase legacy(int rows) throws Exception {
        return LegacyDatabase.write(database(), url, dialect(), rows, NOW.minus(Duration.ofDays(3)),
                NOW.minus(Duration.ofHours(1)));
    }

    JdbcStore open() {
        JdbcStore store = JdbcStore.open(database().config(url).build(), Clock.fixed(NOW, ZoneOffset.UTC));
        opened.add(store);
        return store;
    }

    long count(String sql) throws Exception {
        return Sql.longValue(database(), url, sql);
    }

    static List<RequestRecord> newRequests(int n, long startMicros) {
        return Records.many(n, List.of(Records.endpoint("/v1/a"), Records.endpoint("/new")), startMicros, "new-user");
    }

    @Test
    void openingAVersion3DatabaseMigratesItAndNewRowsGetIdsAboveEveryV1Id() throws Exception {
        LegacyDatabase legacy = legacy(500);
        JdbcStore store = open();

        assertEquals(SchemaMigrator.LATEST, count("SELECT MAX(version) FROM schema_version"));
        assertEquals(499, count("SELECT COUNT(*) FROM request_v1"), "the newest V1 row moved with the migration");
        assertEquals(legacy.maxId(), count("SELECT MAX(id) FROM request"));

        store.writeBatch(newRequests(10, Records.micros(NOW.minusSeconds(60))), NEW);
        assertEquals(10, count("SELECT COUNT(*) FROM request r JOIN origin o ON o.id = r.origin_id "
                + "WHERE o.instance = 'new-1' AND r.id > " + legacy.maxId()));
        Map<String, Long> totals = overviewTotals(store);
        assertEquals(5, totals.get("/new"), "new rows are in the views at once");
    }

    /**
     * A database as schema version 4 left it: the V1 rows moved into V4's request table (strings as ids,
     * method and status in columns of their own, start times in microseconds), with plain SQL.
     */
    LegacyDatabase version4(int rows) throws Exception {
        LegacyDatabase legacy = legacy(rows);
        try (Connection c = database().connect(url)) {
            new SchemaMigrator(dialect()).migrate(c, Records.micros(NOW), 4);
            c.setAutoCommit(false);
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("INSERT INTO origin (version, service, instance) "
                        + "SELECT DISTINCT version, service, instance FROM request_v1");
                s.execute("INSERT INTO app_user (name) SELECT DISTINCT user_name FROM request_v1 "
                        + "WHERE user_name IS NOT NULL");
                s.execute("INSERT INTO client (address) SELECT DISTINCT client_ip FROM request_v1 "
                        + "WHERE client_ip IS NOT NULL");
                s.execute("INSERT INTO request (id, endpoint_id, started_at, duration, status, method, origin_id, "
                        + "user_id, client_id) SELECT v.id, v.endpoint_id, v.started_at, v.duration, v.status, "
                        + "v.method, o.id, u.id, cl.id FROM request_v1 v "
                        + "JOIN origin o ON o.version = v.version AND o.service = v.service AND o.instance = v.instance "
                        + "LEFT JOIN app_user u ON u.name = v.user_name LEFT JOIN client cl ON cl.address = v.client_ip");
                s.execute("DROP TABLE request_v1");
            }
            c.commit();
        }
        return legacy;
    }

    @Test
    void openingAVersion4DatabaseRewritesItsRowsSmallerWithTheirIdsAndValues() throws Exception {
        LegacyDatabase legacy = version4(2_500);
        JdbcStore store = open();

        assertEquals(SchemaMigrator.LATEST, count("SELECT MAX(version) FROM schema_version"));
        List<LegacyDatabase.Row> expected = legacy.rows.stream().map(r -> new LegacyDatabase.Row(r.id(),
                r.endpointId(), r.startedAt() / 1_000 * 1_000, r.duration(), r.method(), r.status(), r.version(),
                r.user(), r.client(), r.service(), r.instance())).toList();
        try (Connection c = database().connect(url)) {
            assertEquals(expected, LegacyDatabase.detail(c), "every row, start times to the millisecond");
        }
        assertEquals(0, count("SELECT COUNT(*) FROM request r JOIN request_kind k ON k.id = r.kind "
                + "WHERE (k.status >= 400) <> (r.kind < 0)"), "failed kinds, and only they, are negative");
        assertEquals(List.of(0L, 1L), Sql.longs(database(), url,
                "SELECT id FROM request_kind WHERE status = 200 ORDER BY method"), "GET 200 and POST 200");

        // The outlier still finds its request; new rows get ids above the converted ones.
        OutlierSummary o = store.queries().outliers("/v1/a", 10).get(0);
        assertEquals(Instant.ofEpochMilli(legacy.outlierRequest.startedAt() / 1_000), o.startedAt());
        // The list of failures reads the converted rows through the index of failed requests.
        List<LegacyDatabase.Row> failedOfA = expected.stream()
                .filter(r -> r.endpoint().equals("/v1/a") && r.status() >= 400).toList();
        LegacyDatabase.Row newest = failedOfA.get(failedOfA.size() - 1);
        var listed = store.queries().analytics().statusCodes("/v1/a", ALL, 1).failed();
        assertEquals(1, listed.size());
        assertEquals(Instant.ofEpochMilli(newest.startedAt() / 1_000), listed.get(0).startedAt());
        assertEquals(newest.status(), listed.get(0).status());
        assertEquals(newest.method(), listed.get(0).method());
        store.writeBatch(newRequests(10, Records.micros(NOW.minusSeconds(60))), NEW);
        assertEquals(10, count("SELECT COUNT(*) FROM request WHERE id > " + legacy.maxId()));
    }

    @Test
    void catchUpMovesEveryV1RowWithItsIdAndStringsAndDropsRequestV1() throws Exception {
        LegacyDatabase legacy = legacy(2_500);
        JdbcStore store = open();

        store.catchUp();

        try (Connection c = database().connect(url)) {
            assertEquals(legacy.rows, LegacyDatabase.detail(c));
            assertFalse(LegacyDatabase.hasV1Table(c), "request_v1 is dropped once empty");
        }
    }

    @Test
    void rollupsOfConvertedRowsCountWhatTheV1RowsHeld() throws Exception {
        LegacyDatabase legacy = legacy(2_500);
        JdbcStore store = open();
        store.catchUp();
        AnalyticsQueries q = store.queries().analytics();

        assertEquals(countBy(legacy.rows, r -> r.endpoint()), overviewTotals(store));
        assertEquals(countBy(legacy.rows.stream().filter(r -> r.status() >= 400).toList(), r -> r.endpoint()),
                store.queries().overview(ZoneOffset.UTC).stream()
                        .collect(Collectors.toMap(OverviewRow::endpoint, OverviewRow::errors)));
        assertEquals(countBy(legacy.rows, r -> r.endpoint() + " " + r.version()), versionCounts(q.versionUsage(ALL)));
        for (String endpoint : LegacyDatabase.ENDPOINTS) {
            List<LegacyDatabase.Row> of = legacy.rows.stream().filter(r -> r.endpoint().equals(endpoint)).toList();
            Map<String, Long> users = new HashMap<>();
            for (BoxPlot b : q.userBoxes(endpoint, ALL, null, new TopN(100, TopN.Order.REQUESTS)).boxes()) {
                users.put(b.label(), b.count());
            }
            Map<String, Long> expectedUsers = new HashMap<>();
            of.forEach(r -> expectedUsers.merge(r.user(), 1L, Long::sum));
            assertEquals(expectedUsers, users, endpoint);
            Map<Integer, Long> codes = new TreeMap<>();
            of.forEach(r -> codes.merge(r.status(), 1L, Long::sum));
            assertEquals(codes, q.statusCodes(endpoint, ALL, 5).codes().stream()
                    .collect(Collectors.toMap(StatusCodes.Count::status, StatusCodes.Count::requests)), endpoint);
        }
        assertEquals(legacy.rows.size(), count("SELECT SUM(requests) FROM rollup_hour"));
        assertEquals(legacy.rows.stream().mapToLong(LegacyDatabase.Row::duration).sum(),
                count("SELECT SUM(total) FROM rollup_day"));
    }

    @Test
    void anOutlierKeepsItsLinkToTheConvertedRequest() throws Exception {
        LegacyDatabase legacy = legacy(2_500);
        JdbcStore store = open();
        store.catchUp();

        List<OutlierSummary> outliers = store.queries().outliers("/v1/a", 10);

        assertEquals(1, outliers.size());
        OutlierSummary o = outliers.get(0);
        LegacyDatabase.Row r = legacy.outlierRequest;
        assertEquals(EpochMicros.toInstant(r.startedAt()), o.startedAt());
        assertEquals(r.duration() / 1_000.0, o.durationMillis(), 1e-9);
        assertEquals(r.user(), o.user());
        assertEquals(r.version(), o.version());
    }

    @Test
    void conversionProceedsChunkByChunkWhileBatchesAreWrittenInBetween() throws Exception {
        LegacyDatabase legacy = legacy(StoreMaintenance.CHUNK * 2 + 5_000);
        JdbcStore store = open();
        long v1Left = legacy.rows.size() - 1;
        long written = 0;
        List<Long> steps = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (v1Left > 0) {
            assertTrue(System.nanoTime() < deadline, "conversion did not finish; left " + v1Left);
            store.writeBatch(newRequests(50, Records.micros(NOW.minusSeconds(600)) + written), NEW);
            written += 50;
            if (store.maintain()) {
                long left;
                try (Connection c = database().connect(url)) {
                    left = LegacyDatabase.hasV1Table(c) ? count("SELECT COUNT(*) FROM request_v1") : 0;
                }
                assertTrue(v1Left - left <= StoreMaintenance.CHUNK, "one chunk per step: " + v1Left + " -> " + left);
                v1Left = left;
                steps.add(left);
                // Between chunks the views count exactly the rows moved so far and every new one.
                long moved = legacy.rows.size() - left;
                assertEquals(moved + written, overviewTotals(store).values().stream().mapToLong(n -> n).sum());
            } else {
                Thread.sleep(20);
            }
        }
        assertTrue(steps.size() >= 3, "converted in steps " + steps);
        store.catchUp();

        List<LegacyDatabase.Row> detail;
        try (Connection c = database().connect(url)) {
            detail = LegacyDatabase.detail(c);
            assertFalse(LegacyDatabase.hasV1Table(c));
        }
        assertEquals(legacy.rows, detail.subList(0, legacy.rows.size()));
        assertEquals(written, detail.size() - legacy.rows.size());
        assertEquals(legacy.rows.size() + written, count("SELECT SUM(requests) FROM rollup_user"));
        assertEquals(legacy.rows.size() + written, count("SELECT SUM(requests) FROM rollup_client"));
    }

    @Test
    void aChunkThatFailsLosesNothingAndIsRetried() throws Exception {
        LegacyDatabase legacy = legacy(StoreMaintenance.CHUNK + 2_000);
        JdbcStore store = open();
        for (String sql : failDeletesFromV1()) {
            Sql.execute(database(), url, sql);
        }
        store.writeBatch(newRequests(100, Records.micros(NOW.minusSeconds(600))), NEW);

        assertFalse(store.maintain(), "maintain() reports the failed step, never throws");
        assertThrows(StoreException.class, store::catchUp);
        store.writeBatch(newRequests(100, Records.micros(NOW.minusSeconds(500))), NEW);

        assertEquals(legacy.rows.size() - 1, count("SELECT COUNT(*) FROM request_v1"), "nothing half-moved");
        assertEquals(1 + 200, count("SELECT COUNT(*) FROM request"));
        assertEquals(1 + 200, count("SELECT SUM(requests) FROM rollup_day"));
        assertEquals(1 + 200, overviewTotals(store).values().stream().mapToLong(n -> n).sum());

        Sql.execute(database(), url, allowDeletesFromV1());
        store.catchUp();

        try (Connection c = database().connect(url)) {
            List<LegacyDatabase.Row> detail = LegacyDatabase.detail(c);
            assertEquals(legacy.rows.size() + 200, detail.size(), "every row has its origin, user and client");
            assertEquals(legacy.rows, detail.subList(0, legacy.rows.size()));
            assertFalse(LegacyDatabase.hasV1Table(c));
        }
        assertEquals(legacy.rows.size() + 200, count("SELECT SUM(requests) FROM rollup_hour"));
        assertEquals(legacy.rows.size() + 200, count("SELECT SUM(requests) FROM rollup_user"));
        assertEquals(countBy(legacy.rows, r -> r.endpoint() + " " + r.version()),
                versionCounts(store.queries().analytics().versionUsage(ALL)).entrySet().stream()
                        .filter(e -> !e.getKey().endsWith(" 2.0"))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    static Map<String, Long> overviewTotals(JdbcStore store) {
        return store.queries().overview(ZoneOffset.UTC).stream().filter(r -> r.hitsTotal() > 0)
                .collect(Collectors.toMap(OverviewRow::endpoint, OverviewRow::hitsTotal));
    }

    static Map<String, Long> versionCounts(VersionUsage usage) {
        return usage.cells().stream().collect(Collectors.toMap(c -> c.endpoint() + " " + c.version(),
                VersionUsage.Cell::requests));
    }

    static <K> Map<K, Long> countBy(List<LegacyDatabase.Row> rows, java.util.function.Function<LegacyDatabase.Row, K> key) {
        return rows.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
