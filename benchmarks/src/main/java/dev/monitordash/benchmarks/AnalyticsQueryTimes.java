package dev.monitordash.benchmarks;

import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.query.AnalyticsQueries;
import dev.monitordash.core.query.Dimension;
import dev.monitordash.core.query.Report;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.query.TopN;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.JdbcStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

/**
 * Wall-clock times of the analytics queries over a SQLite file with N stored requests (default one
 * million): 20 endpoints, 5 versions, 200 users, spread over the last 30 days with a daily curve.
 * Not JMH: each call runs a few times on a warm JVM and the p50 / p95 / max are printed; the database
 * work dominates by orders of magnitude. {@code java -cp benchmarks/target/benchmarks.jar
 * dev.monitordash.benchmarks.AnalyticsQueryTimes [rows] [runs]}
 */
public final class AnalyticsQueryTimes {

    private AnalyticsQueryTimes() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("monitordash-analytics-");
        ZoneId zone = ZoneId.of("Europe/Amsterdam");
        MonitorConfig config = MonitorConfig.builder().databaseUrl("jdbc:sqlite:" + dir.resolve("m.db")).build();
        try (JdbcStore store = JdbcStore.open(config)) {
            long t0 = System.nanoTime();
            fill(store, rows);
            System.out.printf("filled %,d requests in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            AnalyticsQueries q = store.queries().analytics();
            LocalDate today = LocalDate.now(zone);
            LocalDate first = today.minusDays(29);
            TimeRange month = TimeRange.days(first, today, zone);
            String e = "/endpoint/0"; // the busiest: a fifth of all requests
            TopN top = new TopN(10, TopN.Order.REQUESTS);
            time(runs, "overview", () -> store.queries().overview(zone));
            time(runs, "load heatmap", () -> q.loadHeatmap(first, today, zone));
            time(runs, "daily hits", () -> q.dailyHits(first, today, zone));
            time(runs, "version usage", () -> q.versionUsage(month));
            time(runs, "performance (box per endpoint)", () -> q.endpointBoxes(month));
            time(runs, "endpoint heatmap", () -> q.endpointHeatmap(e, first, today, zone));
            time(runs, "hourly (48 h)", () -> q.lastTwoDays(e, zone));
            time(runs, "version boxes", () -> q.versionBoxes(e, month));
            time(runs, "user boxes top 10", () -> q.userBoxes(e, month, null, top));
            time(runs, "user bubbles top 10", () -> q.bubbles(e, month, Dimension.USER, top));
            time(runs, "ip bubbles top 10", () -> q.bubbles(e, month, Dimension.IP, top));
            time(runs, "status codes", () -> q.statusCodes(e, month, 20));
            String user = "user-7"; // one of ≈ 150 users: the endpoint page's user filter
            time(runs, "endpoint filter choices", () -> q.filterChoices(e, month, 1000));
            time(runs, "endpoint heatmap, one user", () -> q.endpointHeatmap(e, first, today, zone, user));
            time(runs, "version boxes, one user", () -> q.versionBoxes(e, month, user));
            time(runs, "status codes, one user", () -> q.statusCodes(e, month, 20, user));
            time(runs, "report 1.3 vs 1.4", () -> q.compare(new Report.Side("1.3", month), new Report.Side("1.4", month)));
            time(runs, "export count, all", () -> q.countRequests(null, month));
            time(runs, "export count, one endpoint", () -> q.countRequests(e, month));
            time(Math.min(runs, 3), "export all as rows", () -> {
                long[] n = {0};
                q.export(null, month, r -> n[0]++);
                return n[0];
            });
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void fill(JdbcStore store, int rows) {
        Random random = new Random(42);
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            endpoints.add(new Endpoint("/endpoint/" + i, Endpoint.Kind.ROUTE, "h" + i, MonitoringLevel.PERFORMANCE));
        }
        Instant end = Instant.now();
        long span = ChronoUnit.MICROS.between(end.minus(30, ChronoUnit.DAYS), end);
        long start = ChronoUnit.MICROS.between(Instant.EPOCH, end) - span;
        int perVersion = rows / 5;
        for (int v = 0; v < 5; v++) {
            Origin origin = new Origin("1." + v, "shop", "bench");
            List<RequestRecord> batch = new ArrayList<>(10_000);
            for (int i = 0; i < perVersion; i++) {
                // Versions follow each other in time; the busiest endpoint gets a fifth of the load.
                long at = start + (span / 5) * v + (long) (random.nextDouble() * (span / 5));
                Endpoint e = random.nextInt(5) == 0 ? endpoints.get(0) : endpoints.get(random.nextInt(20));
                int user = (int) Math.abs(random.nextGaussian() * 50) % 200;
                long micros = (long) (Math.exp(random.nextGaussian() * 0.6) * (2_000 + user * 20));
                batch.add(new RequestRecord(e, at, micros * 1_000, "GET", random.nextInt(50) == 0 ? 500 : 200,
                        "user-" + user, "10.0." + (user % 8) + "." + user));
                if (batch.size() == 10_000) {
                    store.writeBatch(batch, origin);
                    batch.clear();
                }
            }
            store.writeBatch(batch, origin);
        }
    }

    private static void time(int runs, String what, Callable<?> call) throws Exception {
        call.call(); // warm-up: JIT and the database's page cache
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call.call();
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf("%-32s p50 %8.1f ms   p95 %8.1f ms   max %8.1f ms%n", what, nanos[runs / 2] / 1e6,
                nanos[(int) Math.ceil(runs * 0.95) - 1] / 1e6, nanos[runs - 1] / 1e6);
    }
}
