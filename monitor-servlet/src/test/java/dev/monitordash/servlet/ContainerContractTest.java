package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.core.record.StoreState;
import dev.monitordash.core.testing.UnwritableSqliteFile;
import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.DashboardSession;
import dev.monitordash.servlet.testing.EmbeddedServer;
import dev.monitordash.servlet.testing.InMemoryStore;
import dev.monitordash.servlet.testing.StoreOutage;
import dev.monitordash.servlet.testing.StoredRows;
import dev.monitordash.servlet.testing.TestApp;
import dev.monitordash.servlet.testing.TestClient;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The filter's behaviour inside a real servlet container; run against Jetty and Tomcat by the subclasses,
 * each binding MonitorDash with its container's documented recipe. The monitor writes where production
 * writes: a SQLite file opened from {@code .database(url)}, whose rows the tests read back with SQL.
 */
abstract class ContainerContractTest {

    static final String VERSION = "2.1";
    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String ADMIN_PASSWORD = "container-test-admin";

    @TempDir
    Path temp;
    /** Only for the recipe tests that check the store is closed when a bind fails. */
    final InMemoryStore store = new InMemoryStore();
    final TestApp app = new TestApp();
    Path database;
    StoredRows rows;
    EmbeddedServer server;
    TestClient client;
    volatile Monitor monitor;
    volatile ServletContext boundContext;

    abstract EmbeddedServer newServer(Path baseDir);

    void start(UnaryOperator<MonitoringDashboard.Builder> options) throws Exception {
        server = newServer(temp);
        app.install(server);
        server.bindWith(context -> {
            boundContext = context;
            monitor = options.apply(defaults()).bind(context);
        });
        server.start();
        client = new TestClient(server);
    }

    /** A directory of its own: the outage test makes the file and its directory read-only. */
    @BeforeEach
    void placeTheDatabase() throws IOException {
        database = Files.createDirectories(temp.resolve("db")).resolve("monitordash.db");
        rows = StoredRows.sqlite("jdbc:sqlite:" + database);
    }

    /** The production path: the store is opened from the SQLite URL, as an application configures it. */
    MonitoringDashboard.Builder defaults() {
        return MonitoringDashboard.configure()
                .database("jdbc:sqlite:" + database)
                .adminPassword(ADMIN_PASSWORD)
                .serviceName("shop")
                .version(VERSION)
                .groupBy(request -> request.getHeader(TestClient.USER_HEADER))
                .shutdownTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopServer() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            app.close();
        }
    }

    /** One request of the load test and what its record must say; endpoint null: must not be recorded. */
    record Call(String method, String path, int status, String endpoint, String user) {
        String key() {
            return endpoint + " " + method + " " + status + " " + user;
        }
    }

    static Call call(int i) {
        String user = i % 13 == 0 ? null : "user-" + (i % 7);
        return switch (i % 10) {
            case 0, 1 -> new Call("GET", "/hello", 200, "/hello", user);
            case 2, 3 -> new Call("GET", "/users/" + i, 200, "/users/*", user);
            case 4 -> new Call("GET", "/users/missing", 404, "/users/*", user);
            case 5, 6 -> new Call("POST", "/orders", 201, "/orders", user);
            case 7 -> new Call("GET", "/async-quick", 200, "/async-quick", user);
            case 8 -> new Call("GET", "/no/such/page/" + i, 404, Endpoint.NOT_FOUND_NAME, user);
            default -> new Call("GET", "/quiet", 200, null, user);
        };
    }

    @Test
    void recordsEveryConcurrentRequestOnceWithTemplateMethodStatusUserAndVersion() throws Exception {
        start(b -> b);
        monitor.changeLevel("/quiet", 0);
        int total = 11_120;
        int threads = 50;
        long startMicros = System.currentTimeMillis() * 1000;
        ConcurrentLinkedQueue<String> wrongAnswers = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                        Call c = call(i);
                        HttpResponse<String> response = c.method().equals("POST")
                                ? client.post(c.path(), "order " + i, c.user())
                                : client.get(c.path(), c.user());
                        if (response.statusCode() != c.status()) {
                            wrongAnswers.add(c.path() + " -> " + response.statusCode());
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(wrongAnswers.isEmpty(), () -> "unexpected answers: " + wrongAnswers.stream().limit(10).toList());

        Map<String, Long> expected = new TreeMap<>();
        for (int i = 0; i < total; i++) {
            Call c = call(i);
            if (c.endpoint() != null) {
                expected.merge(c.key(), 1L, Long::sum);
            }
        }
        long monitored = expected.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(monitored >= 10_000, "the test must record at least 10 000 requests, has " + monitored);
        Await.until(monitored + " rows in the SQLite file", DEADLINE, () -> monitor.stats().written() >= monitored,
                () -> "have " + monitor.stats());

        // Exactly one row per monitored request, read back from the file with SQL.
        assertEquals(expected, rows.countsBy("SELECT e.name, r.method, r.status, r.user_name, COUNT(*) FROM "
                + StoredRows.REQUESTS + " GROUP BY e.name, r.method, r.status, r.user_name"));
        assertEquals(monitored, rows.requests());
        assertEquals(0, rows.requestsOf("/quiet"), "level 0: measured by nobody, stored nowhere");
        long endMicros = System.currentTimeMillis() * 1000;
        assertEquals(Map.of(VERSION + " 127.0.0.1 shop", monitored), rows.countsBy(
                "SELECT version, client_ip, service, COUNT(*) FROM request_detail GROUP BY version, client_ip, service"));
        assertEquals(0, rows.number("SELECT COUNT(*) FROM request_detail WHERE started_at < ? OR started_at > ?",
                startMicros - 1_000, endMicros), "starts within the test");
        // Stored to the nearest microsecond: Tomcat's sendError(404) only flags the response, so a few of
        // those requests really take under half a microsecond inside the filter and are stored as 0.
        assertEquals(Map.of(), rows.countsBy("SELECT e.name, r.duration, COUNT(*) FROM " + StoredRows.REQUESTS
                + " WHERE r.duration < 0 GROUP BY e.name, r.duration"), "no negative durations");
        assertEquals(0, rows.number("SELECT COUNT(*) FROM " + StoredRows.REQUESTS + " WHERE e.name = '/orders' "
                + "AND r.duration <= 0"), "a POST reading its body takes microseconds");
        assertEquals(Map.of("/async-quick GET", 1L, "/hello GET", 1L, "/orders POST", 1L, "/users/* GET", 1L,
                Endpoint.NOT_FOUND_NAME + " GET", 1L), rows.countsBy("SELECT name, methods, COUNT(*) FROM endpoint "
                + "WHERE last_requested IS NOT NULL GROUP BY name, methods"));
        PipelineStats stats = monitor.stats();
        assertEquals(monitored, stats.accepted());
        assertEquals(monitored, stats.written());
        assertEquals(0, stats.dropped());
    }

    @Test
    void recordsStatus500AndTheContainerReceivesTheSameException() throws Exception {
        start(b -> b);
        HttpResponse<String> response = client.get("/fail", "alice");

        assertEquals(500, response.statusCode());
        assertEquals("error page saw: failure #1", response.body());
        assertNotNull(app.thrown.get());
        assertSame(app.thrown.get(), app.seenByErrorPage.get(), "the container's error page got the thrown instance");
        awaitMarker();
        assertEquals(Map.of("/fail 500 alice", 1L), rows.countsBy("SELECT e.name, r.status, r.user_name, COUNT(*) "
                + "FROM " + StoredRows.REQUESTS + " WHERE e.name = '/fail' GROUP BY e.name, r.status, r.user_name"),
                "one request, one record (the error dispatch is not another)");
        assertEquals(0, rows.requestsOf("/error"));
    }

    @Test
    void groupsThrownExceptionsAndHandled5xxByCauseWithMaskedMessages() throws Exception {
        start(b -> b);
        for (int i = 0; i < 3; i++) {
            assertEquals(500, client.get("/fail", "alice").statusCode());
        }
        for (int i = 0; i < 2; i++) {
            // Tomcat takes the attribute for a thrown exception once the filter chain has returned, and
            // answers 500 itself; the filter saw the application's 503 either way.
            int status = client.get("/handled?id=" + i, "bob").statusCode();
            assertTrue(status == 503 || status == 500, "status " + status);
        }
        assertEquals(200, client.get("/hello").statusCode());
        awaitMarker();

        assertEquals(Map.of("java.lang.IllegalStateException 3", 1L, "java.lang.IllegalArgumentException 2", 1L),
                rows.countsBy("SELECT exception, occurrences, COUNT(*) FROM error_group GROUP BY exception, occurrences"));
        assertEquals("failure #1", rows.text("SELECT message FROM error_group WHERE exception LIKE '%IllegalState%'"));
        String handled = rows.text("SELECT message FROM error_group WHERE exception LIKE '%IllegalArgument%'");
        assertEquals("no stock for item 0 (password=\u2022\u2022\u2022)", handled);
        String frame = rows.text("SELECT frame FROM error_group WHERE exception LIKE '%IllegalArgument%'");
        assertTrue(frame.startsWith("dev.monitordash.servlet.testing.TestApp$") && frame.endsWith(".lookUp"), frame);
        assertEquals(Map.of("/fail " + VERSION + " 3", 1L, "/handled " + VERSION + " 2", 1L), rows.countsBy(
                "SELECT e.name, o.version, SUM(h.occurrences), COUNT(DISTINCT h.group_id) FROM error_hour h "
                        + "JOIN endpoint e ON e.id = h.endpoint_id JOIN origin o ON o.id = h.origin_id "
                        + "GROUP BY e.name, o.version"));
    }

    @Test
    void anAsyncRequestWhoseDispatchThrowsIsGroupedUnderItsCause() throws Exception {
        start(b -> b);
        assertEquals(500, client.get("/async-fail").statusCode());
        Await.until("the failed async record", DEADLINE, () -> rows.requestsOf("/async-fail") == 1);
        assertEquals(500, rows.number("SELECT r.status FROM " + StoredRows.REQUESTS + " WHERE e.name = '/async-fail'"));
        Await.until("its cause", DEADLINE, () -> rows.number("SELECT COUNT(*) FROM error_group") == 1);
        // Tomcat hands the listeners its own wrapper of the exception; the stored stack has it either way.
        String stack = rows.text("SELECT stack FROM error_group");
        assertTrue(stack.contains("java.lang.IllegalStateException: async work failed"), stack);
    }

    @Test
    void recordsAnAsyncRequestWhenItCompletesWithItsFullDuration() throws Exception {
        start(b -> b);
        HttpResponse<String> response = client.get("/async", "bob");

        assertEquals(200, response.statusCode());
        assertEquals("done", response.body());
        Await.until("the async record", DEADLINE, () -> rows.requestsOf("/async") == 1);
        assertEquals(1, rows.number("SELECT COUNT(*) FROM " + StoredRows.REQUESTS + " WHERE e.name = '/async' "
                + "AND r.status = 200 AND r.user_name = 'bob' AND r.method = 'GET'"));
        long micros = rows.number("SELECT r.duration FROM " + StoredRows.REQUESTS + " WHERE e.name = '/async'");
        assertTrue(micros >= TimeUnit.MILLISECONDS.toMicros(TestApp.SLOW_ASYNC_MILLIS),
                "duration " + micros + " µs covers the async work");
    }

    @Test
    void recordsATimedOutAsyncRequestWithTheStatusItCompletedWith() throws Exception {
        start(b -> b);
        HttpResponse<String> response = client.get("/async-timeout");

        assertEquals(500, response.statusCode());
        Await.until("the timed-out async record", DEADLINE, () -> rows.requestsOf("/async-timeout") == 1);
        assertEquals(500, rows.number("SELECT r.status FROM " + StoredRows.REQUESTS
                + " WHERE e.name = '/async-timeout'"));
        assertTrue(rows.number("SELECT r.duration FROM " + StoredRows.REQUESTS + " WHERE e.name = '/async-timeout'")
                >= TimeUnit.MILLISECONDS.toMicros(TestApp.ASYNC_TIMEOUT_MILLIS));
        awaitMarker();
        assertEquals(1, rows.requestsOf("/async-timeout"));
    }

    @Test
    void neverRecordsTheDashboardsOwnRequestsEvenWithAResolverNamingEveryUrl() throws Exception {
        start(b -> b.endpointResolver(request -> request.getRequestURI()));
        for (String path : List.of("/dashboard", "/dashboard/", "/dashboard/api/overview")) {
            assertNotEquals(404, client.get(path).statusCode(), path + " is served by the dashboard servlet");
        }
        awaitMarker();

        assertEquals(0, rows.number("SELECT COUNT(*) FROM endpoint WHERE name LIKE '/dashboard%'"));
        assertEquals(1, rows.requests(), "only the marker");
        assertEquals(Endpoint.Kind.INTERNAL, monitor.endpoints().find("/dashboard/*").kind());
        assertTrue(monitor.endpoints().all().stream().noneMatch(e -> e.name().startsWith("/dashboard")));
    }

    @Test
    void appliesALevelChangeOnTheNextRequest() throws Exception {
        start(b -> b);
        client.get("/hello");
        Await.until("first record", DEADLINE, () -> rows.requestsOf("/hello") == 1);

        monitor.changeLevel("/hello", 0);
        assertEquals(0, rows.number("SELECT level FROM endpoint WHERE name = '/hello'"), "stored for restarts");
        for (int i = 0; i < 5; i++) {
            assertEquals(200, client.get("/hello").statusCode());
        }
        awaitMarker();
        assertEquals(1, rows.requestsOf("/hello"), "nothing recorded at level 0");

        monitor.changeLevel("/hello", 1);
        client.get("/hello");
        Await.until("record after switching back on", DEADLINE, () -> rows.requestsOf("/hello") == 2);
    }

    @Test
    void keepsAnsweringWhileTheSqliteFileIsUnwritableAndResumesWritingWhenItIsWritableAgain() throws Exception {
        start(b -> b);
        DashboardSession dashboard = DashboardSession.login(server, "/dashboard", "admin", ADMIN_PASSWORD);
        try (UnwritableSqliteFile outage = new UnwritableSqliteFile(database)) {
            StoreOutage.liveThrough(client, dashboard, monitor, rows, outage::takeDown, outage::bringBack);
        }
    }

    @Test
    void stoppingTheContextWritesEverythingStillQueuedToTheFile() throws Exception {
        start(b -> b.batchSize(20).shutdownTimeout(Duration.ofSeconds(90)));
        client.get("/hello", "warm-up");
        Await.until("the schema exists and the first row is written", DEADLINE, () -> rows.requests() == 1);
        // A slow disk, made real: each inserted request row now costs SQLite a join of a million rows
        // (about 10 ms), so the writer falls seconds behind the requests below.
        rows.execute("CREATE TABLE ballast (x INTEGER)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) "
                        + "INSERT INTO ballast SELECT i FROM n",
                "CREATE TRIGGER slow_insert AFTER INSERT ON request BEGIN "
                        + "SELECT COUNT(*) FROM ballast a, ballast b; END");
        int requests = 200;
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                statuses.add(clients.submit(() -> client.get("/hello", "queued").statusCode()));
            }
            for (Future<Integer> s : statuses) {
                assertEquals(200, s.get(2, TimeUnit.MINUTES));
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(requests + 1, monitor.stats().accepted());
        assertTrue(monitor.stats().queued() >= 50, "a backlog is waiting when the context stops: " + monitor.stats());

        server.stop();

        // Stop returned: the monitor is closed, and a fresh connection finds every request in the file.
        assertEquals(requests, rows.requestsByUser("queued"), "everything queued was written before stop returned");
        assertEquals(new PipelineStats(requests + 1, requests + 1, 0, 0, 0, 0, StoreState.OK, null), monitor.stats());
    }

    @Test
    void listsMappedServletsAsEndpointsBeforeTheirFirstRequest() throws Exception {
        start(b -> b);

        Map<String, String> handlers = Map.of("/hello", "hello", "/users/*", "users", "/orders", "orders",
                "/fail", "fail", "/async", "async-slow", "/", "default");
        handlers.forEach((route, servlet) -> {
            Endpoint e = monitor.endpoints().find(route);
            assertNotNull(e, route);
            assertEquals(Endpoint.Kind.ROUTE, e.kind());
            assertEquals(servlet, e.handler());
            assertEquals(1, rows.number("SELECT COUNT(*) FROM endpoint WHERE name = ? AND handler = ? "
                    + "AND first_version = ? AND last_requested IS NULL", route, servlet, VERSION),
                    route + " stored for the rules table");
        });
        assertEquals(0, rows.number("SELECT COUNT(*) FROM endpoint WHERE name LIKE '/dashboard%'"));
        assertEquals(0, rows.requests(), "declared, not requested");
        assertSame(monitor, MonitoringDashboard.monitor(boundContext).orElseThrow());
        assertSame(monitor, boundContext.getAttribute(MonitoringDashboard.MONITOR_ATTRIBUTE));
        assertEquals(Map.of(VERSION, 1L), rows.countsBy("SELECT name, COUNT(*) FROM version GROUP BY name"));
    }

    /** Waits until a request sent now is written: every record offered before it is written too. */
    void awaitMarker() {
        String marker = "marker-" + UUID.randomUUID();
        assertEquals(200, client.get("/users/marker", marker).statusCode());
        Await.until("marker record", DEADLINE, () -> rows.requestsByUser(marker) == 1);
    }
}
