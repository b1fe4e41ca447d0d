package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.outlier.CapturedThread;
import dev.monitordash.core.outlier.Masking;
import dev.monitordash.core.outlier.NameValue;
import dev.monitordash.core.outlier.OutlierThresholds;
import dev.monitordash.core.profile.Profile;
import dev.monitordash.core.query.GroupedProfile;
import dev.monitordash.core.query.OutlierDetail;
import dev.monitordash.core.query.ProfileSummary;
import dev.monitordash.core.query.OutlierSummary;
import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.EmbeddedServer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Level 2 end to end: a real container, the real filter and watchdog, a real SQLite file. A request that
 * blocks past its endpoint's threshold is captured while it runs and stored linked to its request row.
 * Subclasses run it in Jetty and in Tomcat (which recycles request objects: the hand-over matters).
 */
abstract class OutlierContractTest {

    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String SLOW = "/slow/*";
    static final String ASYNC = "/async/*";

    @TempDir
    Path dir;

    EmbeddedServer server;

    abstract EmbeddedServer newServer(Path baseDir);
    Monitor monitor;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** Sleeps ?ms= milliseconds in a method of its own, so the captured stack can be recognised. */
    static final class SlowServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            blockPastThreshold(Long.parseLong(req.getParameter("ms")));
            resp.setContentType("text/plain");
            resp.getWriter().write("done");
        }

        static void blockPastThreshold(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Goes async at once; a thread of its own completes the request after ?ms= milliseconds. */
    static final class AsyncServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
            long ms = Long.parseLong(req.getParameter("ms"));
            AsyncContext async = req.startAsync();
            async.setTimeout(60_000);
            Thread worker = new Thread(() -> finishLater(async, ms), "async-worker-" + ms);
            worker.start();
        }

        static void finishLater(AsyncContext async, long ms) {
            SlowServlet.blockPastThreshold(ms);
            try {
                async.getResponse().getWriter().write("done");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            async.complete();
        }
    }

    void start(Consumer<MonitoringDashboard.Builder> options) throws Exception {
        server = newServer(dir.resolve("server"));
        server.addServlet("slow", new SlowServlet(), SLOW);
        server.addServlet("async", new AsyncServlet(), ASYNC);
        AtomicReference<Monitor> bound = new AtomicReference<>();
        server.bindWith(context -> {
            MonitoringDashboard.Builder b = MonitoringDashboard.configure()
                    .database("jdbc:sqlite:" + dir.resolve("monitor.db"))
                    .version("1.0")
                    .defaultLevel(MonitoringLevel.OUTLIERS)
                    .outlierMinRequests(10);
            options.accept(b);
            bound.set(b.bind(context));
        });
        server.start();
        monitor = bound.get();
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    void warmUp(int n, long ms) throws Exception {
        for (int i = 0; i < n; i++) {
            assertEquals(200, get("/slow/warm?ms=" + ms).statusCode());
        }
        Await.until("the threshold of " + SLOW, DEADLINE,
                () -> monitor.outliers().thresholds().thresholdNanos(SLOW) != OutlierThresholds.NONE);
    }

    @Test
    void requestBlockingPastItsThresholdIsStoredAsAnOutlierWithEverythingCaptured() throws Exception {
        start(b -> { });
        warmUp(10, 20); // mean ≈ 20 ms: threshold ≈ 50 ms
        assertEquals(200, get("/slow/order?ms=1500&password=hunter2&page=3",
                "Authorization", "Basic YWRtaW46c2VjcmV0", "X-Trace", "trace-42", "X-Api-Key", "key-7f3a9e",
                "X-Auth-Token", "tok-51c2d8", "X-Amz-Security-Token", "amz-90be11", "X-Request-Id", "req-77")
                .statusCode());

        Await.until("the outlier in the SQLite file", DEADLINE, () -> outlierOf("/slow/order") != null);
        OutlierSummary summary = outlierOf("/slow/order");
        assertTrue(summary.durationMillis() >= 1500, "duration " + summary.durationMillis());
        assertTrue(summary.ranForMillis() < summary.durationMillis(), "captured while it ran");
        OutlierDetail d = monitor.queries().outlier(summary.id()).orElseThrow();

        assertTrue(d.requestStack().contains("SlowServlet.blockPastThreshold"), d.requestStack());
        CapturedThread requestThread = d.threads().stream().filter(t -> t.name().equals(d.requestThread()))
                .findFirst().orElseThrow(() -> new AssertionError("request thread " + d.requestThread() + " not in dump"));
        assertEquals("TIMED_WAITING", requestThread.state());
        assertTrue(requestThread.stack().contains("blockPastThreshold"));

        assertFalse(d.system().cpuPerCore().isEmpty(), "CPU per core");
        assertTrue(d.system().cpuPerCore().size() >= Runtime.getRuntime().availableProcessors());
        for (double load : d.system().cpuPerCore()) {
            assertTrue(load >= 0 && load <= 100, "load " + load);
        }
        assertTrue(d.system().memoryTotal() > 0 && d.system().heapUsed() > 0 && d.system().threadCount() > 0);

        assertEquals("GET", d.request().method());
        assertTrue(d.request().url().endsWith("/slow/order"), d.request().url());
        // Header names as the container reports them: Tomcat lower-cases them.
        assertEquals(List.of(Masking.MASK), header(d, "Authorization"), d.request().headers()::toString);
        assertEquals(List.of("trace-42"), header(d, "X-Trace"));
        // Credentials in custom headers are masked by the rule that masks parameters (issue 13, item 6).
        assertEquals(List.of(Masking.MASK), header(d, "X-Api-Key"), d.request().headers()::toString);
        assertEquals(List.of(Masking.MASK), header(d, "X-Auth-Token"));
        assertEquals(List.of(Masking.MASK), header(d, "X-Amz-Security-Token"));
        assertEquals(List.of("req-77"), header(d, "X-Request-Id"));
        assertTrue(d.request().parameters().contains(new NameValue("password", Masking.MASK)));
        assertTrue(d.request().parameters().contains(new NameValue("page", "3")));
        assertEquals("ms=1500&password=" + Masking.MASK + "&page=3", d.request().query());
        assertEquals("127.0.0.1", d.request().remoteAddress());

        // Linked to its request row in the file, and nothing secret reached the file.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("monitor.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT r.duration, "
                     + "(SELECT COUNT(*) FROM outlier_field f WHERE f.value LIKE '%YWRtaW46%' OR f.value LIKE '%hunter2%'"
                     + " OR f.value LIKE '%7f3a9e%' OR f.value LIKE '%51c2d8%' OR f.value LIKE '%90be11%') "
                     + "FROM outlier o JOIN request_detail r ON r.id = o.request_id WHERE o.id = " + summary.id())) {
            assertTrue(rs.next());
            assertTrue(rs.getLong(1) >= 1_500_000);
            assertEquals(0, rs.getLong(2));
        }
    }

    @Test
    void profiledEndpointAttributesItsTimeToTheMethodItSpendsItIn() throws Exception {
        start(b -> b.defaultLevel(MonitoringLevel.PROFILER));
        assertEquals(200, get("/slow/profiled?ms=400").statusCode());

        Await.until("the stored profile", DEADLINE, () -> !monitor.queries().profiles(SLOW, 10).isEmpty());
        ProfileSummary summary = monitor.queries().profiles(SLOW, 10).get(0);
        assertTrue(summary.durationMillis() >= 400);
        assertEquals(5.0, summary.periodMillis());
        Profile p = monitor.queries().profile(summary.id()).orElseThrow();
        long hits = p.tree().hitsOf("SlowServlet.blockPastThreshold");
        assertTrue(p.samples() >= 20, "samples " + p.samples());
        assertTrue(hits >= 0.8 * p.samples(), hits + " of " + p.samples() + " samples");
        assertEquals(summary.durationMillis() * 1e6, p.nanosOf(p.tree().root()), 1e3);
        GroupedProfile g = monitor.queries().groupedProfile(SLOW, 10);
        assertEquals(1, g.requests());
    }

    @Test
    void asyncRequestIsWatchedUntilItCompletes() throws Exception {
        start(b -> { });
        for (int i = 0; i < 10; i++) {
            assertEquals(200, get("/async/warm?ms=20").statusCode());
        }
        Await.until("the threshold of " + ASYNC, DEADLINE,
                () -> monitor.outliers().thresholds().thresholdNanos(ASYNC) != OutlierThresholds.NONE);
        assertEquals(200, get("/async/late?ms=1500").statusCode());

        Await.until("the async outlier", DEADLINE, () -> outlierOf(ASYNC, "/async/late") != null);
        OutlierSummary summary = outlierOf(ASYNC, "/async/late");
        assertTrue(summary.durationMillis() >= 1500, "the full async duration: " + summary.durationMillis());
        OutlierDetail d = monitor.queries().outlier(summary.id()).orElseThrow();
        // The first dispatch's thread had gone back to Jetty: no stack of a thread that serves others now.
        assertEquals("(asynchronous)", d.requestThread());
        assertEquals("", d.requestStack());
        assertTrue(d.notes().stream().anyMatch(n -> n.contains("asynchronous")), d.notes()::toString);
        CapturedThread worker = d.threads().stream().filter(t -> t.name().equals("async-worker-1500"))
                .findFirst().orElseThrow();
        assertTrue(worker.stack().contains("finishLater"), worker.stack());
        assertEquals("GET", d.request().method());
    }

    private static List<String> header(OutlierDetail d, String name) {
        return d.request().headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(NameValue::value).toList();
    }

    private OutlierSummary outlierOf(String urlSuffix) {
        return outlierOf(SLOW, urlSuffix);
    }

    private OutlierSummary outlierOf(String endpoint, String urlSuffix) {
        List<OutlierSummary> list = monitor.queries().outliers(endpoint, 100);
        return list.stream().filter(o -> o.url() != null && o.url().endsWith(urlSuffix)).findFirst().orElse(null);
    }

    @Test
    void fastRequestsMakeNoOutliersAndNoThreads() throws Exception {
        // A high floor: on a loaded CI machine a fast request may stall for milliseconds, never for seconds.
        start(b -> b.outlierMinDuration(Duration.ofSeconds(2)));
        warmUp(500, 0); // watchdog, client and server threads all started
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        for (int i = 0; i < 10_000; i++) {
            assertEquals(200, get("/slow/fast?ms=0").statusCode());
        }
        int after = ManagementFactory.getThreadMXBean().getThreadCount();
        Await.until("all requests written", DEADLINE, () -> monitor.stats().written() >= 10_500);

        assertTrue(after <= before + 2, "threads before " + before + ", after " + after);
        assertEquals(0, monitor.outliers().captures());
        assertTrue(monitor.queries().outliers(SLOW, 10).isEmpty());
        assertEquals(0, monitor.outliers().watching(), "every watch ended with its request");
    }
}
