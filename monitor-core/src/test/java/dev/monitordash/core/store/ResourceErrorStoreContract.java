package dev.monitordash.core.store;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.error.ErrorGroup;
import dev.monitordash.core.error.ErrorGroupDetail;
import dev.monitordash.core.error.ErrorGroups;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.resource.ResourceHistory;
import dev.monitordash.core.resource.ResourceMetric;
import dev.monitordash.core.resource.ResourceSample;
import dev.monitordash.core.testing.MutableClock;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.Sql;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.monitordash.core.testing.Records.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Resource samples and error groups (migration V7) written and read back through the JDBC store. */
abstract class ResourceErrorStoreContract {

    static final Instant T0 = Instant.parse("2026-03-10T12:00:00Z");
    static final Origin NODE_1 = new Origin("1.0", "shop", "node-1");
    static final Origin NODE_1_V2 = new Origin("2.0", "shop", "node-1");
    static final Origin NODE_2 = new Origin("1.0", "shop", "node-2");

    protected abstract TestDatabase database();

    String url;
    MutableClock clock;
    final List<JdbcStore> opened = new ArrayList<>();

    @BeforeEach
    void freshDatabase() {
        url = database().freshUrl();
        clock = new MutableClock(T0.plus(Duration.ofDays(2)));
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcStore::close);
    }

    JdbcStore open() {
        JdbcStore store = JdbcStore.open(database().config(url).retentionResources(Duration.ofDays(1)).build(), clock);
        opened.add(store);
        return store;
    }

    static ResourceSample sample(Instant at, double cpu, double... cores) {
        double[] v = new double[ResourceMetric.values().length];
        Arrays.fill(v, Double.NaN);
        v[ResourceMetric.HOST_CPU.ordinal()] = cpu;
        v[ResourceMetric.THREADS_LIVE.ordinal()] = 40;
        return new ResourceSample(at, v, cores);
    }

    /** Every 10 s for {@code seconds}, CPU rising by one per sample from {@code cpu}. */
    static List<ResourceSample> samples(Instant from, int seconds, double cpu) {
        List<ResourceSample> out = new ArrayList<>();
        for (int s = 0; s < seconds; s += 10) {
            out.add(sample(from.plusSeconds(s), cpu + s / 10.0, 10, 30));
        }
        return out;
    }

    @Test
    void samplesAreReadBackPerInstanceAndVersionsOfAnInstanceAreOneSeries() {
        JdbcStore store = open();
        store.resources().write(samples(T0, 60, 10), NODE_1);
        store.resources().write(samples(T0.plusSeconds(60), 60, 50), NODE_1_V2);
        store.resources().write(samples(T0, 120, 0), NODE_2);

        ResourceHistory h = store.resources().history(T0, T0.plus(Duration.ofHours(1)), null);
        assertEquals(10, h.stepSeconds());
        assertEquals(List.of("node-1", "node-2"), h.instances().stream().map(ResourceHistory.Series::instance).toList());
        List<ResourceHistory.Point> node1 = h.instances().get(0).points();
        assertEquals(12, node1.size());
        assertEquals(T0, node1.get(0).at());
        assertEquals(10, node1.get(0).summary().mean(ResourceMetric.HOST_CPU), 1e-6);
        assertEquals(55, node1.get(11).summary().mean(ResourceMetric.HOST_CPU), 1e-6);
        assertEquals(40, node1.get(11).summary().mean(ResourceMetric.THREADS_LIVE), 1e-6);
        assertEquals(30, node1.get(3).summary().coreMeans()[1], 1e-6);

        ResourceHistory one = store.resources().history(T0, T0.plus(Duration.ofHours(1)), "node-2");
        assertEquals(1, one.instances().size());
        assertEquals(12, one.instances().get(0).points().size());
    }

    @Test
    void longRangesReadMinuteAndHourSummariesWithTheSameMeans() throws Exception {
        JdbcStore store = open();
        // Two hours in one write and two more in 12 writes: summaries add up across writes.
        store.resources().write(samples(T0, 7200, 0), NODE_1);
        for (int i = 0; i < 12; i++) {
            store.resources().write(samples(T0.plusSeconds(7200 + 600L * i), 600, 0), NODE_1);
        }
        assertEquals(4 * 60, Sql.longValue(database(), url, "SELECT COUNT(*) FROM resource_rollup WHERE span = 60"));
        assertEquals(4, Sql.longValue(database(), url, "SELECT COUNT(*) FROM resource_rollup WHERE span = 3600"));

        ResourceHistory day = store.resources().history(T0.minus(Duration.ofHours(20)), T0.plus(Duration.ofHours(4)), null);
        assertEquals(120, day.stepSeconds());
        List<ResourceHistory.Point> points = day.instances().get(0).points();
        assertEquals(120, points.size()); // 4 hours of 2-minute points
        // The first 2 minutes: samples 0..11, CPU 0..11
        assertEquals(5.5, points.get(0).summary().mean(ResourceMetric.HOST_CPU), 1e-6);
        assertEquals(0, points.get(0).summary().min(ResourceMetric.HOST_CPU));
        assertEquals(11, points.get(0).summary().max(ResourceMetric.HOST_CPU));
        assertEquals(12, points.get(0).summary().count(ResourceMetric.HOST_CPU));

        ResourceHistory month = store.resources().history(T0.minus(Duration.ofDays(29)), T0.plus(Duration.ofDays(1)), null);
        assertEquals(3600, month.stepSeconds());
        List<ResourceHistory.Point> hours = month.instances().get(0).points();
        assertEquals(4, hours.size());
        assertEquals(359 / 2.0, hours.get(0).summary().mean(ResourceMetric.HOST_CPU), 1e-6);
        assertEquals(59 / 2.0, hours.get(2).summary().mean(ResourceMetric.HOST_CPU), 1e-6);
        assertEquals(360, hours.get(2).summary().count(ResourceMetric.HOST_CPU));
    }

    @Test
    void retentionDeletesOldSamplesButKeepsSummariesForLongViews() throws Exception {
        JdbcStore store = open();
        store.resources().write(samples(T0, 120, 0), NODE_1); // two days before the clock's now
        store.resources().write(samples(clock.instant().minusSeconds(60), 60, 0), NODE_1);
        store.retainNow();
        assertEquals(6, Sql.longValue(database(), url, "SELECT COUNT(*) FROM resource_sample"));
        assertEquals(3, Sql.longValue(database(), url, "SELECT COUNT(*) FROM resource_rollup WHERE bucket < "
                + Records.micros(T0.plusSeconds(3600))), "two minute rows and the hour row of two days ago stay");

        Instant tenDaysAgo = clock.instant().minus(Duration.ofDays(10));
        store.resources().write(samples(tenDaysAgo, 60, 0), NODE_1);
        store.retainNow();
        long old = Records.micros(tenDaysAgo.plusSeconds(3600));
        assertEquals(0, Sql.longValue(database(), url, "SELECT COUNT(*) FROM resource_rollup WHERE span = 60 AND bucket < " + old),
                "minute rows go after 8 days");
        assertEquals(1, Sql.longValue(database(), url, "SELECT COUNT(*) FROM resource_rollup WHERE span = 3600 AND bucket < " + old),
                "hour rows stay as long as the request rollups");
    }

    static RequestRecord failed(Endpoint e, Instant at, Throwable error) {
        return new RequestRecord(e, Records.micros(at), 2_000_000, "GET", 500, "ann", "10.0.0.1", null, null, error);
    }

    static RuntimeException thrownAt(String method, int line, String message) {
        RuntimeException e = new IllegalStateException(message);
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement("shop.Orders", method, "Orders.java", line),
                new StackTraceElement("shop.OrderServlet", "doGet", "OrderServlet.java", 20)});
        return e;
    }

    @Test
    void failedRequestsAreGroupedByCauseWithCountsVersionsEndpointsAndDays() {
        JdbcStore store = open();
        Endpoint orders = endpoint("/orders");
        Endpoint order = endpoint("/orders/{id}");
        List<RequestRecord> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(failed(i < 3 ? orders : order, T0.plusSeconds(i), thrownAt("find", 40 + i, "order " + i + " missing")));
        }
        batch.add(failed(orders, T0, thrownAt("save", 80, "disk full")));
        batch.add(Records.get(orders, Records.micros(T0), 1_000));
        batch.add(Records.withStatus(orders, Records.micros(T0), 1_000, 503)); // a 5xx without an exception
        store.writeBatch(batch, NODE_1);
        // The next day, in version 2.0: the same cause again.
        store.writeBatch(List.of(failed(order, T0.plus(Duration.ofDays(1)), thrownAt("find", 47, "order 9 missing"))),
                NODE_1_V2);

        ZoneId zone = ZoneId.of("UTC");
        TimeRange range = TimeRange.days(LocalDate.parse("2026-03-09"), LocalDate.parse("2026-03-11"), zone);
        List<ErrorGroup> groups = store.errors().groups(range, zone, 10);
        assertEquals(2, groups.size());
        ErrorGroup find = groups.get(0);
        assertEquals(6, find.occurrences());
        assertEquals(6, find.total());
        assertEquals("java.lang.IllegalStateException", find.exception());
        assertEquals("shop.Orders.find", find.frame());
        assertEquals("order 0 missing", find.message());
        assertEquals(T0, find.firstSeen());
        assertEquals(T0.plus(Duration.ofDays(1)), find.lastSeen());
        assertEquals(List.of("1.0", "2.0"), find.versions());
        assertEquals(List.of("/orders", "/orders/{id}"), find.endpoints()); // 3 each: ties by name
        assertEquals(List.of(0L, 5L, 1L), find.days().stream().map(ErrorGroup.DayCount::occurrences).toList());
        assertEquals(1, groups.get(1).occurrences());

        ErrorGroupDetail d = store.errors().group(find.id(), range, zone).orElseThrow();
        assertTrue(d.stack().startsWith("java.lang.IllegalStateException: order 0 missing\n\tat shop.Orders.find(Orders.java:40)"),
                d.stack());
        assertEquals(List.of("1.0", "2.0"), d.versions().stream().map(ErrorGroupDetail.VersionCount::version).toList());
        assertEquals(5, d.versions().get(0).occurrences());
        assertEquals(T0.plus(Duration.ofDays(1)), d.versions().get(1).firstSeen());
        assertTrue(store.errors().group(999_999, range, zone).isEmpty());

        // Only the day of version 2.0: the group is there with one occurrence.
        TimeRange lastDay = TimeRange.days(LocalDate.parse("2026-03-11"), LocalDate.parse("2026-03-11"), zone);
        assertEquals(List.of(1L), store.errors().groups(lastDay, zone, 10).stream().map(ErrorGroup::occurrences).toList());
    }

    @Test
    void aNewCauseAfterADeployIsFoundByItsFirstVersion() {
        JdbcStore store = open();
        Endpoint orders = endpoint("/orders");
        store.writeBatch(List.of(failed(orders, T0, thrownAt("find", 40, "x"))), NODE_1);
        store.writeBatch(List.of(failed(orders, T0.plusSeconds(3600), thrownAt("find", 41, "x")),
                failed(orders, T0.plusSeconds(3601), thrownAt("price", 12, "y")),
                failed(orders, T0.plusSeconds(3602), thrownAt("price", 12, "y"))), NODE_1_V2);

        List<ErrorGroups.FirstSeen> brandNew = store.errors().firstSeenIn("2.0");
        assertEquals(1, brandNew.size());
        assertEquals("shop.Orders.price", brandNew.get(0).frame());
        assertEquals(2, brandNew.get(0).occurrencesInVersion());
        assertEquals(T0.plusSeconds(3601), brandNew.get(0).firstSeen());
        assertEquals(List.of("shop.Orders.find"), store.errors().firstSeenIn("1.0").stream()
                .map(ErrorGroups.FirstSeen::frame).toList());
        assertEquals(List.of("shop.Orders.price", "shop.Orders.find"), store.errors()
                .firstSeenSince(T0).stream().map(ErrorGroups.FirstSeen::frame).toList());
        assertEquals(1, store.errors().firstSeenSince(T0.plusSeconds(60)).size());
    }

    @Test
    void twoStoresOnOneDatabaseAddToTheSameCause() {
        JdbcStore a = open();
        JdbcStore b = open();
        Endpoint orders = endpoint("/orders");
        a.writeBatch(List.of(failed(orders, T0, thrownAt("find", 40, "x"))), NODE_1);
        b.writeBatch(List.of(failed(orders, T0.plusSeconds(1), thrownAt("find", 40, "x"))), NODE_2);
        ZoneId zone = ZoneId.of("UTC");
        List<ErrorGroup> groups = a.errors().groups(new TimeRange(T0, T0.plusSeconds(3600)), zone, 10);
        assertEquals(1, groups.size());
        assertEquals(2, groups.get(0).occurrences());
    }

    @Test
    void retentionDeletesCausesNotSeenSinceTheRollupsAge() throws Exception {
        clock.set(T0.plus(Duration.ofDays(500)));
        JdbcStore store = open();
        Endpoint orders = endpoint("/orders");
        store.writeBatch(List.of(failed(orders, T0, thrownAt("find", 40, "old"))), NODE_1);
        store.writeBatch(List.of(failed(orders, clock.instant(), thrownAt("save", 40, "new"))), NODE_1);
        store.retainNow();
        assertEquals(1, Sql.longValue(database(), url, "SELECT COUNT(*) FROM error_group"));
        assertEquals(1, Sql.longValue(database(), url, "SELECT COUNT(*) FROM error_version"));
        assertEquals(1, Sql.longValue(database(), url, "SELECT COUNT(*) FROM error_hour"));
        assertFalse(store.errors().firstSeenSince(T0).stream().anyMatch(f -> f.frame().endsWith("find")));
    }
}
