package dev.monitordash.core.store;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.query.OverviewRow;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.rollup.DurationSketch;
import dev.monitordash.core.rollup.StatusCounts;
import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.Sql;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Several instances writing to one PostgreSQL at once: two stores in two threads, each writing 20 batches
 * of 1 000 requests of the same endpoints and hours. The hour and day rollups are written in the batches'
 * transactions under row locks, so their counts and sums must equal the raw rows exactly, whether the
 * instances have origins of their own or (misconfigured) share one; so must the user rollups after both
 * catch up at once.
 */
class PostgresConcurrentWritersTest {

    static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");
    static final List<Endpoint> ENDPOINTS = List.of(Records.endpoint("/a"), Records.endpoint("/b"),
            Records.endpoint("/c"));
    static final int BATCHES = 20;
    static final int BATCH_SIZE = 1_000;

    final PostgresTestDatabase db = PostgresTestDatabase.shared();
    String url;
    final List<JdbcStore> opened = new ArrayList<>();

    @BeforeEach
    void freshDatabase() {
        url = db.freshUrl();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcStore::close);
    }

    JdbcStore open() {
        JdbcStore store = JdbcStore.open(db.config(url).build(), Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC));
        opened.add(store);
        return store;
    }

    /** Batch {@code b}: requests of every endpoint in the same three hours, ten users, 4xx and 5xx among them. */
    static List<RequestRecord> batch(int b, int writer) {
        List<RequestRecord> out = new ArrayList<>(BATCH_SIZE);
        long start = Records.micros(T0);
        for (int i = 0; i < BATCH_SIZE; i++) {
            long at = start + (i % 3) * 3_600_000_000L + (b * BATCH_SIZE + i) * 1_000L;
            int status = i % 17 == 0 ? 503 : i % 7 == 0 ? 404 : 200;
            out.add(new RequestRecord(ENDPOINTS.get(i % ENDPOINTS.size()), at,
                    (1_000L + (i * 31L + b * 7L + writer) % 90_000) * 1_000, "GET", status, "user-" + i % 10,
                    "10.0.0." + i % 20));
        }
        return out;
    }

    @Test
    void twoInstancesWritingAtOnceKeepEveryRollupExact() throws Exception {
        JdbcStore first = open();
        JdbcStore second = open();
        concurrently(writes(first, new Origin("1.0", "shop", "node-1"), 0),
                writes(second, new Origin("1.0", "shop", "node-2"), 1));

        assertRollupsExact(first);
        concurrently(catchUp(first), catchUp(second));
        assertUserRollupsExact();
    }

    @Test
    void twoStoresSharingOneOriginWritingAtOnceKeepEveryRollupExact() throws Exception {
        JdbcStore first = open();
        JdbcStore second = open();
        Origin shared = new Origin("1.0", "shop", "node-1");
        concurrently(writes(first, shared, 0), writes(second, shared, 1));

        assertEquals(1, count("SELECT COUNT(*) FROM origin"));
        assertRollupsExact(first);
        concurrently(catchUp(first), catchUp(second));
        assertUserRollupsExact();
    }

    @Test
    void userRollupsStayExactWhileAStoreSharingTheOriginRollsUpBetweenItsBatches() throws Exception {
        JdbcStore first = open();
        JdbcStore second = open();
        Origin shared = new Origin("1.0", "shop", "node-1");
        // The second store catches up after each of its batches, while the first may be mid-batch.
        concurrently(writes(first, shared, 0), () -> {
            for (int b = 0; b < BATCHES; b++) {
                second.writeBatch(batch(b, 1), shared);
                second.catchUp();
            }
            return null;
        });
        first.catchUp();

        assertEquals(2L * BATCHES * BATCH_SIZE, count("SELECT COUNT(*) FROM request"));
        assertUserRollupsExact();
    }

    static Callable<Void> writes(JdbcStore store, Origin origin, int writer) {
        return () -> {
            for (int b = 0; b < BATCHES; b++) {
                store.writeBatch(batch(b, writer), origin);
            }
            return null;
        };
    }

    static Callable<Void> catchUp(JdbcStore store) {
        return () -> {
            store.catchUp();
            return null;
        };
    }

    /** Runs both at the same moment in two threads; fails with the first one's failure. */
    static void concurrently(Callable<Void> a, Callable<Void> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> work : List.of(a, b)) {
                done.add(pool.submit(() -> {
                    together.await(30, TimeUnit.SECONDS);
                    return work.call();
                }));
            }
            for (Future<Void> f : done) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    void assertRollupsExact(JdbcStore store) throws Exception {
        assertEquals(2L * BATCHES * BATCH_SIZE, count("SELECT COUNT(*) FROM request"), "every batch was written");
        String perRequest = "COUNT(*), SUM(duration), MIN(duration), MAX(duration), "
                + "SUM(CASE WHEN k.status >= 400 AND k.status < 500 THEN 1 ELSE 0 END), "
                + "SUM(CASE WHEN k.status >= 500 THEN 1 ELSE 0 END)";
        String requests = " FROM request r JOIN request_kind k ON k.id = r.kind";
        String perRollup = "SUM(requests), SUM(total), MIN(fastest), MAX(slowest), SUM(errors_4xx), SUM(errors_5xx)";
        assertEquals(rows(3, "SELECT started_ms / 3600000, endpoint_id, origin_id, " + perRequest
                        + requests + " GROUP BY 1, 2, 3"),
                rows(3, "SELECT hour, endpoint_id, origin_id, " + perRollup + " FROM rollup_hour GROUP BY 1, 2, 3"));
        assertEquals(rows(3, "SELECT started_ms / 86400000, endpoint_id, origin_id, " + perRequest
                        + requests + " GROUP BY 1, 2, 3"),
                rows(3, "SELECT day, endpoint_id, origin_id, " + perRollup + " FROM rollup_day GROUP BY 1, 2, 3"));
        // Each row's sketch and status counts hold every request it counts: no batch's merge was lost.
        for (String table : List.of("rollup_hour", "rollup_day")) {
            try (Connection c = db.connect(url); PreparedStatement ps = c.prepareStatement(
                    "SELECT requests, sketch, statuses FROM " + table); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertEquals(rs.getLong(1), DurationSketch.decode(rs.getBytes(2)).count(), table);
                    assertEquals(rs.getLong(1), StatusCounts.decode(rs.getBytes(3)).asMap().values().stream()
                            .mapToLong(n -> n).sum(), table);
                }
            }
        }
        Map<String, Long> perEndpoint = rows(1, "SELECT e.name, COUNT(*) FROM request r "
                + "JOIN endpoint e ON e.id = r.endpoint_id GROUP BY e.name").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(0)));
        assertEquals(perEndpoint, store.queries().overview(ZoneOffset.UTC).stream()
                .collect(Collectors.toMap(OverviewRow::endpoint, OverviewRow::hitsTotal)));
    }

    void assertUserRollupsExact() throws Exception {
        assertEquals(0, count("SELECT COUNT(*) FROM rollup_progress WHERE rolled_up_to < written_to"));
        for (String group : List.of("user", "client")) {
            String rollup = "rollup_" + group;
            assertEquals(rows(4, "SELECT endpoint_id, started_ms / 86400000, origin_id, COALESCE(" + group
                            + "_id, -1), COUNT(*), SUM(duration), MIN(duration), MAX(duration) FROM request "
                            + "GROUP BY 1, 2, 3, 4"),
                    rows(4, "SELECT endpoint_id, day, origin_id, " + group + "_id, requests, total, fastest, slowest "
                            + "FROM " + rollup), rollup);
        }
    }

    long count(String sql) throws Exception {
        return Sql.longValue(db, url, sql);
    }

    /** The rows, keyed by their first {@code keys} columns, the other columns (numbers) as a list; sorted. */
    Map<String, List<Long>> rows(int keys, String sql) throws Exception {
        Map<String, List<Long>> out = new TreeMap<>();
        try (Connection c = db.connect(url); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder key = new StringBuilder();
                for (int i = 1; i <= keys; i++) {
                    key.append(rs.getString(i)).append(' ');
                }
                List<Long> numbers = new ArrayList<>();
                for (int i = keys + 1; i <= columns; i++) {
                    numbers.add(rs.getLong(i));
                }
                out.put(key.toString().strip(), numbers);
            }
        }
        return out;
    }
}
