package dev.monitordash.core.store;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.outlier.NameValue;
import dev.monitordash.core.profile.Profile;
import dev.monitordash.core.profile.ProfiledRequest;
import dev.monitordash.core.profile.Profiler;
import dev.monitordash.core.query.GroupedProfile;
import dev.monitordash.core.query.OutlierDetail;
import dev.monitordash.core.query.ProfileSummary;
import dev.monitordash.core.query.OutlierSummary;
import dev.monitordash.core.query.BoxPlot;
import dev.monitordash.core.query.OutlierCpu;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.query.UnknownEndpointException;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.testing.Outliers;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.Sql;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.monitordash.core.testing.Records.ORIGIN;
import static dev.monitordash.core.testing.Records.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outliers (migration V2) and request profiles (V3) in the store: written linked to their request, read
 * back whole, retention per endpoint.
 */
abstract class OutlierStoreContract {

    static final long T0 = Records.micros(Instant.parse("2025-06-01T10:00:00Z"));

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

    JdbcStore open(int keep) {
        JdbcStore store = JdbcStore.open(database().config(url).outlierKeep(keep).profilerKeep(keep).build());
        opened.add(store);
        return store;
    }

    @Test
    void outlierIsLinkedToItsRequestRowAndReadBackWhole() throws Exception {
        JdbcStore store = open(10);
        Endpoint orders = endpoint("/orders");
        RequestRecord outlier = Outliers.record(orders, T0 + 5, 300_000, "o1");
        store.writeBatch(List.of(Records.get(orders, T0, 1_000), outlier, Records.get(orders, T0 + 9, 2_000)), ORIGIN);

        assertEquals(3, Sql.longValue(database(), url, "SELECT COUNT(*) FROM request_detail"));
        assertEquals(300_000, Sql.longValue(database(), url,
                "SELECT r.duration FROM outlier o JOIN request_detail r ON r.id = o.request_id"));

        List<OutlierSummary> list = store.queries().outliers("/orders", 50);
        assertEquals(1, list.size());
        OutlierSummary s = list.get(0);
        assertEquals(300.0, s.durationMillis());
        assertEquals(250.0, s.ranForMillis());
        assertEquals(100.0, s.thresholdMillis());
        assertEquals("ann", s.user());
        assertEquals("1.0", s.version());
        assertEquals(200, s.status());

        OutlierDetail d = store.queries().outlier(s.id()).orElseThrow();
        assertEquals("http://localhost/orders/o1", d.request().url());
        assertEquals("page=2", d.request().query());
        assertEquals(List.of(new NameValue("Accept", "text/html"), new NameValue("X-Trace", "o1")), d.request().headers());
        assertEquals(List.of(new NameValue("page", "2")), d.request().parameters());
        assertEquals("10.0.0.9", d.request().remoteAddress());
        assertTrue(d.requestStack().contains("shop.Orders.slow"));
        assertEquals("worker-o1", d.requestThread());
        assertEquals(2, d.threads().size());
        assertEquals("TIMED_WAITING", d.threads().get(1).state());
        assertTrue(d.threads().get(1).daemon());
        assertEquals("java.lang.Object@1", d.threads().get(0).lock());
        assertEquals(List.of(12.5, 80.0), d.system().cpuPerCore());
        assertEquals(8_000_000_000L, d.system().memoryTotal());
        assertEquals(400_000_000L, d.system().heapMax());
        assertEquals(List.of(1.5, 1.25, 1.0), d.system().loadAverage());
        assertEquals(42, d.system().threadCount());
        assertTrue(d.notes().contains("a note"));
        assertTrue(d.notes().contains("headers: 3 more not kept (truncated)"));
        assertTrue(d.notes().contains("CPU sample 0.9 s old"));
    }

    @Test
    void keepsOnlyTheNewestOutliersOfEachEndpoint() throws Exception {
        JdbcStore store = open(3);
        Endpoint a = endpoint("/a");
        Endpoint b = endpoint("/b");
        for (int i = 0; i < 5; i++) {
            store.writeBatch(List.of(Outliers.record(a, T0 + i, 500_000, "a" + i)), ORIGIN);
        }
        store.writeBatch(List.of(Outliers.record(b, T0, 500_000, "b0")), ORIGIN);

        List<OutlierSummary> kept = store.queries().outliers("/a", 50);
        assertEquals(List.of("http://localhost/orders/a4", "http://localhost/orders/a3", "http://localhost/orders/a2"),
                kept.stream().map(OutlierSummary::url).toList());
        assertEquals(1, store.queries().outliers("/b", 50).size());
        // Fields and threads of deleted outliers go with them; their request rows stay (they are history).
        assertEquals(4 * 2, Sql.longValue(database(), url, "SELECT COUNT(*) FROM outlier_thread"));
        assertEquals(4 * 3, Sql.longValue(database(), url, "SELECT COUNT(*) FROM outlier_field"));
        assertEquals(6, Sql.longValue(database(), url, "SELECT COUNT(*) FROM request_detail"));
    }

    @Test
    void unknownOutlierIsEmpty() {
        JdbcStore store = open(3);
        assertTrue(store.queries().outlier(12345).isEmpty());
        assertTrue(store.queries().outliers("/nothing", 10).isEmpty());
    }

    @Test
    void outliersInARangeAreListedNewestFirstAndUnknownEndpointsRefused() {
        JdbcStore store = open(10);
        Endpoint a = endpoint("/a");
        for (int i = 0; i < 4; i++) {
            long at = T0 + i * 60_000_000L; // one a minute
            store.writeBatch(List.of(Outliers.record(a, at, 500_000, Outliers.capture("a" + i, at, List.of(1.0)))), ORIGIN);
        }
        TimeRange middle = new TimeRange(EpochMicros.toInstant(T0 + 60_000_000L), EpochMicros.toInstant(T0 + 180_000_000L));

        assertEquals(List.of("http://localhost/orders/a2", "http://localhost/orders/a1"),
                store.queries().outliers("/a", middle, 10).stream().map(OutlierSummary::url).toList());
        assertEquals(List.of("http://localhost/orders/a3", "http://localhost/orders/a2"),
                store.queries().outliers("/a", null, 2).stream().map(OutlierSummary::url).toList());
        assertThrows(UnknownEndpointException.class, () -> store.queries().outliers("/nothing", null, 10));
        assertThrows(UnknownEndpointException.class, () -> store.queries().outlierCpu("/nothing", null, 10));
    }

    @Test
    void cpuPerCoreAcrossAnEndpointsOutliersIsOneExactBoxPerProcessor() {
        JdbcStore store = open(10);
        Endpoint a = endpoint("/a");
        double[][] loads = {{10, 90}, {20, 80}, {30, 70}, {40, 60}, {100, 50}};
        for (int i = 0; i < loads.length; i++) {
            long at = T0 + i;
            store.writeBatch(List.of(Outliers.record(a, at, 500_000,
                    Outliers.capture("a" + i, at, List.of(loads[i][0], loads[i][1])))), ORIGIN);
        }
        store.writeBatch(List.of(Outliers.record(a, T0 + 9, 500_000, Outliers.capture("none", T0 + 9, List.of()))),
                ORIGIN);

        OutlierCpu cpu = store.queries().outlierCpu("/a", null, 100);
        assertEquals(5, cpu.outliers(), "the capture without CPU values is left out");
        assertEquals(List.of("CPU 0", "CPU 1"), cpu.cores().stream().map(BoxPlot::label).toList());
        BoxPlot core0 = cpu.cores().get(0);
        assertEquals(5, core0.count());
        assertEquals(20.0, core0.q1(), 1e-9);
        assertEquals(30.0, core0.median(), 1e-9);
        assertEquals(40.0, core0.q3(), 1e-9);
        assertEquals(100.0, core0.max(), 1e-9);
        assertEquals(List.of(100.0), core0.outliers(), "beyond q3 + 1.5 IQR = 70");
        assertEquals(40.0, core0.upperWhisker(), 1e-9);
        assertEquals(70.0, cpu.cores().get(1).median(), 1e-9);
        // The newest two only (the one without CPU values counts towards the limit: it is an outlier too).
        assertEquals(2, store.queries().outlierCpu("/a", null, 3).outliers());
    }

    @Test
    void latestDurationsPerEndpointComeOldestFirst() {
        JdbcStore store = open(3);
        Endpoint a = endpoint("/a");
        // Written in time order, as the writer does: the latest are the last written.
        store.writeBatch(List.of(Records.get(a, T0 + 1, 10), Records.get(a, T0 + 2, 20), Records.get(a, T0 + 3, 30),
                Records.get(endpoint("/b"), T0, 7)), ORIGIN);
        java.util.Map<String, long[]> latest = store.loadRecentDurations(2);
        assertEquals(List.of(20L, 30L), java.util.Arrays.stream(latest.get("/a")).boxed().toList());
        assertEquals(List.of(7L), java.util.Arrays.stream(latest.get("/b")).boxed().toList());
    }

    @Test
    void durationTotalsPerEndpointComeFromStoredRequests() {
        JdbcStore store = open(3);
        Endpoint a = endpoint("/a");
        store.writeBatch(List.of(Records.get(a, T0, 1_000), Records.get(a, T0 + 1, 3_000),
                Records.get(endpoint("/b"), T0, 7)), ORIGIN);
        assertEquals(List.of(new DurationTotal("/a", 2, 4_000), new DurationTotal("/b", 1, 7)),
                store.loadDurationTotals().stream().sorted(java.util.Comparator.comparing(DurationTotal::endpoint))
                        .toList());
    }

    @Test
    void databaseAtVersionOneGainsTheOutlierTables() throws Exception {
        try (Connection c = database().connect(url)) {
            new SchemaMigrator(dialect()).migrate(c, T0, 1);
        }
        JdbcStore store = open(3);
        store.writeBatch(List.of(Outliers.record(endpoint("/a"), T0, 500_000, "m")), ORIGIN);
        assertEquals(SchemaMigrator.LATEST, Sql.longValue(database(), url, "SELECT MAX(version) FROM schema_version"));
        assertEquals(1, store.queries().outliers("/a", 5).size());
    }

    @Test
    void profileIsLinkedToItsRequestAndReadBackAsTheSameTree() throws Exception {
        JdbcStore store = open(3);
        Endpoint e = endpoint("/p");
        ProfiledRequest sampled = sampleThisThread(60);
        store.writeBatch(List.of(Records.get(e, T0, 1_000),
                new RequestRecord(e, T0 + 1, 60_000_000L, "GET", 200, "ann", "10.0.0.9", null, sampled)), ORIGIN);
        Profile written = sampled.profile(60_000_000L);

        List<ProfileSummary> list = store.queries().profiles("/p", 10);
        assertEquals(1, list.size());
        assertEquals(written.samples(), list.get(0).samples());
        assertEquals(60.0, list.get(0).durationMillis());
        Profile read = store.queries().profile(list.get(0).id()).orElseThrow();
        assertEquals(written.samples(), read.samples());
        assertEquals(written.tree().hitsOf("spinFor"), read.tree().hitsOf("spinFor"));
        assertTrue(read.tree().hitsOf("spinFor") >= 0.8 * read.samples());
        assertEquals(60_000_000.0, read.nanosOf(read.tree().root()), 1.0);
        assertEquals(1, Sql.longValue(database(), url,
                "SELECT COUNT(*) FROM profile p JOIN request_detail r ON r.id = p.request_id WHERE r.duration = 60000"));
    }

    @Test
    void groupedProfileMergesTheLastProfilesAndRetentionKeepsK() throws Exception {
        JdbcStore store = open(2);
        Endpoint e = endpoint("/g");
        long samples = 0;
        for (int i = 0; i < 3; i++) {
            ProfiledRequest sampled = sampleThisThread(30);
            if (i > 0) {
                samples += sampled.profile(1).samples();
            }
            store.writeBatch(List.of(new RequestRecord(e, T0 + i, 30_000_000L, "GET", 200, null, null, null, sampled)),
                    ORIGIN);
        }
        assertEquals(2, store.queries().profiles("/g", 10).size());
        GroupedProfile g = store.queries().groupedProfile("/g", 10);
        assertEquals(2, g.requests());
        assertEquals(samples, g.merged().samples());
        assertEquals(30_000_000.0, g.meanNanosOf(g.merged().tree().root()), 1.0);
        assertEquals(2, Sql.longValue(database(), url, "SELECT COUNT(DISTINCT profile_id) FROM profile_node"));
    }

    private static ProfiledRequest sampleThisThread(long millis) {
        try (Profiler profiler = new Profiler(1_000_000L, "store-test-profiler")) {
            ProfiledRequest r = profiler.start("/x");
            spinFor(millis);
            r.finish();
            return r;
        }
    }

    static void spinFor(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    abstract Dialect dialect();
}
