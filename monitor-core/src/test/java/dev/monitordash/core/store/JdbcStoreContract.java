package dev.monitordash.core.store;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.testing.Await;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.Sql;
import dev.monitordash.core.testing.TestDatabase;
import dev.monitordash.core.version.VersionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static dev.monitordash.core.testing.Records.ORIGIN;
import static dev.monitordash.core.testing.Records.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every dialect of {@link JdbcStore} must do; subclasses run it on a real SQLite file and PostgreSQL. */
abstract class JdbcStoreContract {

    static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    protected abstract TestDatabase database();

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

    JdbcStore open() {
        JdbcStore store = JdbcStore.open(database().config(url).build());
        opened.add(store);
        return store;
    }

    long count(String sql, Object... params) throws Exception {
        return Sql.longValue(database(), url, sql, params);
    }

    // --- dashboard readers ---

    /** A recursive count that runs for many seconds on either database unless something cancels it. */
    static final String ENDLESS_QUERY = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
            + "WHERE i < 2000000000) SELECT COUNT(*) FROM n";

    @Test
    void aReadThatRunsPastTheQueryTimeLimitIsCancelledAndALiftedLimitLetsItRun() throws Exception {
        Dialect dialect = Dialect.forUrl(url);
        try (Connection c = database().connect(url)) {
            c.setAutoCommit(false);
            dialect.limitQueryTime(c, Duration.ofMillis(200));
            long started = System.nanoTime();
            try (Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.executeQuery(ENDLESS_QUERY).next());
            }
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(tookMillis < 5_000, "cancelled after " + tookMillis + " ms");
            c.rollback();

            dialect.limitQueryTime(c, null);
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                         + "WHERE i < 300000) SELECT COUNT(*) FROM n")) {
                rs.next();
                assertEquals(300_000, rs.getLong(1));
            }
            c.commit();
        }
    }

    // --- migrations ---

    @Test
    void migratesEmptyDatabaseToLatestSchemaOnOpen() throws Exception {
        open();
        assertEquals(SchemaMigrator.LATEST, count("SELECT MAX(version) FROM schema_version"));
        assertEquals(SchemaMigrator.MIGRATIONS.size(), count("SELECT COUNT(*) FROM schema_version"));
        for (String table : List.of("endpoint", "version", "request")) {
            assertEquals(0, count("SELECT COUNT(*) FROM " + table), table);
        }
    }

    @Test
    void reopeningAMigratedDatabaseKeepsDataAndAppliesNothingTwice() throws Exception {
        JdbcStore first = open();
        first.writeBatch(List.of(Records.get(endpoint("/a"), Records.micros(T0), 5)), ORIGIN);
        first.close();
        JdbcStore second = open();
        second.writeBatch(List.of(Records.get(endpoint("/a"), Records.micros(T0) + 1, 6)), ORIGIN);
        assertEquals(SchemaMigrator.MIGRATIONS.size(), count("SELECT COUNT(*) FROM schema_version"));
        assertEquals(2, count("SELECT COUNT(*) FROM request_detail"));
        assertEquals(1, count("SELECT COUNT(*) FROM endpoint"));
    }

    @Test
    void opensDatabaseWrittenByAnOlderSchemaAndKeepsItsRows() throws Exception {
        // What MonitorDash with schema version 1 left behind, written with plain SQL of that version.
        try (Connection c = database().connect(url)) {
            new SchemaMigrator(dialect()).migrate(c, Records.micros(T0), 1);
        }
        Sql.execute(database(), url, "INSERT INTO endpoint (name, level, methods, first_seen) "
                + "VALUES ('/old', 2, 'GET', " + Records.micros(T0) + ")");
        JdbcStore store = open();
        assertEquals(SchemaMigrator.LATEST, count("SELECT MAX(version) FROM schema_version"));
        StoredEndpoint old = store.loadEndpoints().get(0);
        assertEquals("/old", old.name());
        assertEquals(2, old.level());
        assertEquals(Set.of("GET"), old.methods());
    }

    @Test
    void refusesADatabaseWithANewerSchemaWithAClearErrorButOpensWithoutThrowing() throws Exception {
        open().close();
        Sql.execute(database(), url, "INSERT INTO schema_version (version, description, applied_at) "
                + "VALUES (" + (SchemaMigrator.LATEST + 1) + ", 'from the future', 0)");
        JdbcStore store = open();
        StoreException e = assertThrows(StoreException.class, store::loadEndpoints);
        assertTrue(e.getMessage().contains("newer than this MonitorDash supports"), e.getMessage());
        assertThrows(StoreException.class, () -> store.writeBatch(
                List.of(Records.get(endpoint("/a"), Records.micros(T0), 1)), ORIGIN));
        assertEquals(0, count("SELECT COUNT(*) FROM request_detail"));
    }

    @Test
    void concurrentOpensOfOneDatabaseMigrateItOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<JdbcStore>> stores = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                stores.add(pool.submit(this::open));
            }
            for (Future<JdbcStore> f : stores) {
                f.get(60, TimeUnit.SECONDS).loadEndpoints(); // usable, whichever migrated
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(SchemaMigrator.MIGRATIONS.size(), count("SELECT COUNT(*) FROM schema_version"));
    }

    @Test
    void opensWhileTheDatabaseIsUnreachableAndMigratesOnFirstUseOnceItIsUp() throws Exception {
        try (TestDatabase.Outage outage = database().unreachable()) {
            long before = System.nanoTime();
            JdbcStore store = JdbcStore.open(database().config(outage.url()).build());
            opened.add(store);
            assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(30), "open must not hang");
            RequestRecord r = Records.get(endpoint("/a"), Records.micros(T0), 1);
            assertThrows(StoreException.class, () -> store.writeBatch(List.of(r), ORIGIN));

            outage.bringUp();
            // HikariCP retries connecting with a back-off of up to seconds: poll, as the writer would.
            Await.until("the store accepts a batch", Duration.ofSeconds(60), () -> {
                try {
                    store.writeBatch(List.of(r), ORIGIN);
                    return true;
                } catch (StoreException stillDown) {
                    return false;
                }
            });
            assertEquals(1, Sql.longValue(database(), outage.url(), "SELECT COUNT(*) FROM request_detail"));
            assertEquals(SchemaMigrator.LATEST,
                    Sql.longValue(database(), outage.url(), "SELECT MAX(version) FROM schema_version"));
        }
    }

    // --- writeBatch ---

    @Test
    void writeBatchStoresEveryValueOfARecord() throws Exception {
        JdbcStore store = open();
        Endpoint users = endpoint("/users/{id}");
        long start = Records.micros(T0) + 123_456;
        store.writeBatch(List.of(
                new RequestRecord(users, start, 1_234_567, "PUT", 201, "ann", "192.0.2.7"),
                new RequestRecord(users, start + 10, 2_499, "GET", 503, null, null)), ORIGIN);

        try (Connection c = database().connect(url); PreparedStatement ps = c.prepareStatement(
                "SELECT e.name, r.started_at, r.duration, r.method, r.status, r.version, r.user_name, r.client_ip, "
                        + "r.service, r.instance FROM request_detail r JOIN endpoint e ON e.id = r.endpoint_id "
                        + "ORDER BY r.id");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertEquals("/users/{id}", rs.getString(1));
            assertEquals(start - 456, rs.getLong(2), "start time kept to the millisecond");
            assertEquals(1_235, rs.getLong(3), "duration in microseconds, rounded from nanoseconds");
            assertEquals("PUT", rs.getString(4));
            assertEquals(201, rs.getInt(5));
            assertEquals("1.0", rs.getString(6));
            assertEquals("ann", rs.getString(7));
            assertEquals("192.0.2.7", rs.getString(8));
            assertEquals("shop", rs.getString(9));
            assertEquals("node-1:42", rs.getString(10));
            rs.next();
            assertEquals(start - 456, rs.getLong(2));
            assertEquals(2, rs.getLong(3));
            assertEquals(503, rs.getInt(5));
            assertNull(rs.getString(7));
            assertNull(rs.getString(8));
            assertTrue(!rs.next());
        }
        // Method and status as one kind id: GET 200 and POST 200 come as 0 and 1, a new successful kind
        // counts up from there, a failing one down from -1 (what the index of failed requests keys on).
        store.writeBatch(List.of(new RequestRecord(users, start + 2_000, 1_000, "GET", 200, null, null),
                new RequestRecord(users, start + 3_000, 1_000, "PUT", 201, null, null),
                new RequestRecord(users, start + 4_000, 1_000, "DELETE", 404, null, null)), ORIGIN);
        assertEquals(List.of(2L, -1L, 0L, 2L, -2L), Sql.longs(database(), url, "SELECT kind FROM request ORDER BY id"));
    }

    @Test
    void writeBatchStoresExactlyAsManyRowsAsRecordsPerEndpoint() throws Exception {
        JdbcStore store = open();
        List<Endpoint> endpoints = List.of(endpoint("/a"), endpoint("/b"), endpoint("/c"));
        for (int batch = 0; batch < 5; batch++) {
            store.writeBatch(Records.many(1_000, endpoints, Records.micros(T0) + batch * 10_000L, "u"), ORIGIN);
        }
        assertEquals(5_000, count("SELECT COUNT(*) FROM request_detail"));
        assertEquals(5 * 334, count("SELECT COUNT(*) FROM request_detail r JOIN endpoint e ON e.id = r.endpoint_id "
                + "WHERE e.name = ?", "/a"));
        assertEquals(5 * 100, count("SELECT COUNT(*) FROM request_detail WHERE status = 500"));
        assertEquals(3, count("SELECT COUNT(*) FROM endpoint"));
    }

    @Test
    void writeBatchLearnsANewEndpointWithFirstSeenVersionLevelMethodsAndLastRequested() {
        JdbcStore store = open();
        Endpoint learned = new Endpoint("/learned", Endpoint.Kind.ROUTE, "LearnedServlet", MonitoringLevel.OUTLIERS);
        long t = Records.micros(T0);
        store.writeBatch(List.of(
                new RequestRecord(learned, t + 500, 1_000, "POST", 200, null, null),
                new RequestRecord(learned, t + 100, 1_000, "GET", 200, null, null),
                new RequestRecord(learned, t + 900, 1_000, "GET", 200, null, null)), new Origin("2.0", "s", "i"));

        StoredEndpoint e = store.loadEndpoints().get(0);
        assertEquals(new StoredEndpoint("/learned", "LearnedServlet", MonitoringLevel.OUTLIERS, Set.of("GET", "POST"),
                EpochMicros.toInstant(t + 100), "2.0", EpochMicros.toInstant(t + 900)), e);
    }

    @Test
    void writeBatchKeepsTheLatestLastRequestedAndTheUnionOfMethodsAcrossBatchesAndReopen() {
        JdbcStore store = open();
        Endpoint a = endpoint("/a");
        long t = Records.micros(T0);
        store.writeBatch(List.of(Records.get(a, t + 1_000, 1)), ORIGIN);
        store.writeBatch(List.of(new RequestRecord(a, t, 1, "DELETE", 204, null, null)), ORIGIN);
        store.close();
        JdbcStore reopened = open();
        reopened.writeBatch(List.of(new RequestRecord(a, t + 10, 1, "PATCH", 200, null, null)), ORIGIN);

        StoredEndpoint e = reopened.loadEndpoints().get(0);
        assertEquals(Set.of("DELETE", "GET", "PATCH"), e.methods());
        assertEquals(EpochMicros.toInstant(t + 1_000), e.lastRequested());
        assertEquals(EpochMicros.toInstant(t + 1_000), e.firstSeen(), "first seen is kept from the first batch");
    }

    @Test
    void aFailedBatchWritesNothingAndLeavesNoStaleEndpointIdBehind() throws Exception {
        JdbcStore store = open();
        Endpoint fresh = endpoint("/fresh");
        long t = Records.micros(T0);
        List<RequestRecord> poisoned = List.of(
                Records.get(fresh, t, 1),
                new RequestRecord(fresh, t + 1, 1, null, 200, null, null)); // method is NOT NULL
        assertThrows(StoreException.class, () -> store.writeBatch(poisoned, ORIGIN));
        assertEquals(0, count("SELECT COUNT(*) FROM request_detail"));
        assertEquals(0, count("SELECT COUNT(*) FROM endpoint"), "the endpoint insert was rolled back too");

        store.writeBatch(List.of(Records.get(fresh, t + 2, 1)), ORIGIN);
        assertEquals(1, count("SELECT COUNT(*) FROM request_detail r JOIN endpoint e ON e.id = r.endpoint_id "
                + "WHERE e.name = '/fresh'"));
    }

    // --- endpoints and levels ---

    @Test
    void saveEndpointInsertsOnceAndKeepsTheExistingRowButFillsAMissingHandler() {
        JdbcStore store = open();
        store.writeBatch(List.of(Records.get(new Endpoint("/x", Endpoint.Kind.ROUTE, null, 1), Records.micros(T0), 1)),
                ORIGIN);
        store.saveEndpoint("/x", "XServlet", 3, T0.plusSeconds(60), "9.9");
        store.saveEndpoint("/declared", "DeclaredServlet", 2, T0, "1.0");
        store.saveEndpoint("/declared", "Other", 0, T0.plusSeconds(5), "2.0");

        Map<String, StoredEndpoint> byName = store.loadEndpoints().stream()
                .collect(Collectors.toMap(StoredEndpoint::name, e -> e));
        assertEquals(new StoredEndpoint("/declared", "DeclaredServlet", 2, Set.of(), T0, "1.0", null),
                byName.get("/declared"));
        StoredEndpoint x = byName.get("/x");
        assertEquals("XServlet", x.handler());
        assertEquals(1, x.level(), "an existing row keeps its level");
        assertEquals(T0, x.firstSeen());
        assertEquals("1.0", x.firstVersion());
    }

    @Test
    void saveLevelPersistsAcrossReopenAndInsertsAnUnknownEndpoint() {
        JdbcStore store = open();
        store.saveEndpoint("/known", null, 1, T0, "1.0");
        store.saveLevel("/known", 3);
        store.saveLevel("/never-seen", 0);
        store.close();

        Map<String, Integer> levels = open().loadEndpoints().stream()
                .collect(Collectors.toMap(StoredEndpoint::name, StoredEndpoint::level));
        assertEquals(Map.of("/known", 3, "/never-seen", 0), levels);
    }

    @Test
    void loadLevelsAnswersEveryStoredEndpointsCurrentLevelAsLoadEndpointsDoes() {
        JdbcStore store = open();
        store.saveEndpoint("/a", "AServlet", 1, T0, "1.0");
        store.saveEndpoint("/b", null, 0, T0, "1.0");
        store.writeBatch(List.of(Records.get(endpoint("/c"), Records.micros(T0), 5)), ORIGIN);
        store.saveLevel("/a", 2);
        store.saveLevel("/a", 3);

        Map<String, Integer> levels = store.loadLevels();
        assertEquals(Map.of("/a", 3, "/b", 0, "/c", 1), levels);
        assertEquals(store.loadEndpoints().stream().collect(Collectors.toMap(StoredEndpoint::name,
                StoredEndpoint::level)), levels);
    }

    @Test
    void saveLevelRejectsALevelOutsideZeroToThree() {
        JdbcStore store = open();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.saveLevel("/a", 4));
        assertTrue(e.getMessage().contains("0-3"));
    }

    // --- versions ---

    @Test
    void saveVersionKeepsTheFirstFirstSeenAndRoundTripsGitDetails() {
        JdbcStore store = open();
        Instant commitTime = Instant.parse("2025-05-30T08:15:00Z");
        VersionInfo v2 = new VersionInfo("v2.0", "4f2a9c0e1d", List.of("v2.0", "release"), commitTime,
                VersionInfo.Source.GIT);
        store.saveVersion(v2, T0);
        store.saveVersion(v2, T0.plusSeconds(3_600)); // a restart later
        store.saveVersion(VersionInfo.unknown(), T0.plusSeconds(7_200));
        store.close();

        List<StoredVersion> versions = open().loadVersions();
        assertEquals(List.of(
                new StoredVersion("v2.0", T0, "4f2a9c0e1d", commitTime, List.of("v2.0", "release")),
                new StoredVersion("unknown", T0.plusSeconds(7_200), null, null, List.of())), versions);
    }

    abstract Dialect dialect();
}
