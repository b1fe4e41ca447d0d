package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.EmbeddedServer;
import dev.monitordash.servlet.testing.InMemoryStore;
import dev.monitordash.servlet.testing.InMemoryStore.Written;
import dev.monitordash.servlet.testing.TestApp;
import dev.monitordash.servlet.testing.TestClient;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The filter's behaviour inside a real servlet container; run against Jetty and Tomcat by the subclasses,
 * each binding MonitorDash with its container's documented recipe.
 */
abstract class ContainerContractTest {

    static final String VERSION = "2.1";
    static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path temp;
    final InMemoryStore store = new InMemoryStore();
    final TestApp app = new TestApp();
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

    MonitoringDashboard.Builder defaults() {
        return MonitoringDashboard.configure()
                .store(store)
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

        Map<String, Long> expected = new java.util.TreeMap<>();
        for (int i = 0; i < total; i++) {
            Call c = call(i);
            if (c.endpoint() != null) {
                expected.merge(c.key(), 1L, Long::sum);
            }
        }
        long monitored = expected.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(monitored >= 10_000, "the test must record at least 10 000 requests, has " + monitored);
        Await.until(monitored + " records", DEADLINE, () -> store.size() >= monitored,
                () -> "have " + store.size() + ", " + monitor.stats());

        List<Written> written = store.written();
        Map<String, Long> actual = written.stream().collect(Collectors.groupingBy(w -> new Call(
                w.record().method(), null, w.record().status(), w.record().endpoint().name(), w.record().user()).key(),
                java.util.TreeMap::new, Collectors.counting()));
        assertEquals(expected, actual);
        long endMicros = System.currentTimeMillis() * 1000;
        for (Written w : written) {
            assertEquals(VERSION, w.origin().version());
            assertEquals("127.0.0.1", w.record().clientIp());
            assertTrue(w.record().durationNanos() > 0);
            assertTrue(w.record().startEpochMicros() >= startMicros - 1_000 && w.record().startEpochMicros() <= endMicros,
                    "start time within the test");
        }
        PipelineStats stats = monitor.stats();
        assertEquals(monitored, stats.accepted());
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
        List<Written> failures = recordsOf("/fail");
        assertEquals(1, failures.size(), "one request, one record (the error dispatch is not another)");
        assertEquals(500, failures.get(0).record().status());
        assertEquals("alice", failures.get(0).record().user());
        assertTrue(recordsOf("/error").isEmpty());
    }

    @Test
    void recordsAnAsyncRequestWhenItCompletesWithItsFullDuration() throws Exception {
        start(b -> b);
        HttpResponse<String> response = client.get("/async", "bob");

        assertEquals(200, response.statusCode());
        assertEquals("done", response.body());
        Await.until("the async record", DEADLINE, () -> recordsOf("/async").size() == 1);
        Written w = recordsOf("/async").get(0);
        assertTrue(w.record().durationNanos() >= TimeUnit.MILLISECONDS.toNanos(TestApp.SLOW_ASYNC_MILLIS),
                "duration " + w.record().durationNanos() + " ns covers the async work");
        assertEquals(200, w.record().status());
        assertEquals("bob", w.record().user());
        assertEquals("GET", w.record().method());
    }

    @Test
    void recordsATimedOutAsyncRequestWithTheStatusItCompletedWith() throws Exception {
        start(b -> b);
        HttpResponse<String> response = client.get("/async-timeout");

        assertEquals(500, response.statusCode());
        Await.until("the timed-out async record", DEADLINE, () -> recordsOf("/async-timeout").size() == 1);
        Written w = recordsOf("/async-timeout").get(0);
        assertEquals(500, w.record().status());
        assertTrue(w.record().durationNanos() >= TimeUnit.MILLISECONDS.toNanos(TestApp.ASYNC_TIMEOUT_MILLIS));
        awaitMarker();
        assertEquals(1, recordsOf("/async-timeout").size());
    }

    @Test
    void neverRecordsTheDashboardsOwnRequestsEvenWithAResolverNamingEveryUrl() throws Exception {
        start(b -> b.endpointResolver(request -> request.getRequestURI()));
        for (String path : List.of("/dashboard", "/dashboard/", "/dashboard/api/overview")) {
            assertNotEquals(404, client.get(path).statusCode(), path + " is served by the dashboard servlet");
        }
        awaitMarker();

        assertTrue(store.written().stream().noneMatch(w -> w.record().endpoint().name().startsWith("/dashboard")));
        assertEquals(Endpoint.Kind.INTERNAL, monitor.endpoints().find("/dashboard/*").kind());
        assertTrue(monitor.endpoints().all().stream().noneMatch(e -> e.name().startsWith("/dashboard")));
    }

    @Test
    void appliesALevelChangeOnTheNextRequest() throws Exception {
        start(b -> b);
        client.get("/hello");
        Await.until("first record", DEADLINE, () -> recordsOf("/hello").size() == 1);

        monitor.changeLevel("/hello", 0);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, client.get("/hello").statusCode());
        }
        awaitMarker();
        assertEquals(1, recordsOf("/hello").size(), "nothing recorded at level 0");

        monitor.changeLevel("/hello", 1);
        client.get("/hello");
        Await.until("record after switching back on", DEADLINE, () -> recordsOf("/hello").size() == 2);
    }

    @Test
    void keepsAnsweringWhileTheStoreFailsAndResumesWritingWhenItRecovers() throws Exception {
        start(b -> b);
        store.failing(true);
        int duringOutage = 50;
        for (int i = 0; i < duringOutage; i++) {
            HttpResponse<String> response = client.get("/hello");
            assertEquals(200, response.statusCode());
            assertEquals("hello", response.body());
        }
        Await.until("all records of the outage counted as dropped", DEADLINE,
                () -> monitor.stats().dropped() == duringOutage, () -> monitor.stats().toString());
        assertFalse(monitor.stats().storeHealthy());
        assertEquals(0, store.size());

        store.failing(false);
        int afterRecovery = 30;
        for (int i = 0; i < afterRecovery; i++) {
            assertEquals(200, client.get("/users/" + i).statusCode());
        }
        Await.until("writing resumed", DEADLINE, () -> store.size() == afterRecovery,
                () -> monitor.stats().toString());
        assertTrue(monitor.stats().storeHealthy());
        assertEquals(duringOutage, monitor.stats().dropped());
    }

    @Test
    void stoppingTheContextFlushesTheQueue() throws Exception {
        start(b -> b.batchSize(25));
        store.writeDelayMillis(400); // 8 batches of 25: a backlog of seconds that shutdown has to write
        int requests = 200;
        ExecutorService clients = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                statuses.add(clients.submit(() -> client.get("/hello").statusCode()));
            }
            for (Future<Integer> s : statuses) {
                assertEquals(200, s.get(2, TimeUnit.MINUTES));
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(requests, monitor.stats().accepted());
        assertTrue(store.size() < requests, "a backlog is waiting when the context stops");

        server.stop();

        assertEquals(requests, store.size(), "everything queued was written before stop returned");
        assertTrue(store.isClosed());
        assertEquals(0, monitor.stats().dropped());
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
            assertTrue(store.endpoints().containsKey(route), route + " stored for the rules table");
        });
        assertFalse(store.endpoints().containsKey("/dashboard/*"));
        assertEquals(0, store.size(), "declared, not requested");
        assertSame(monitor, MonitoringDashboard.monitor(boundContext).orElseThrow());
        assertSame(monitor, boundContext.getAttribute(MonitoringDashboard.MONITOR_ATTRIBUTE));
        assertEquals(Set.of(VERSION), store.versions());
    }

    /** Waits until a request sent now is written: every record offered before it is written too. */
    void awaitMarker() {
        String marker = "marker-" + UUID.randomUUID();
        assertEquals(200, client.get("/users/marker", marker).statusCode());
        Await.until("marker record", DEADLINE,
                () -> store.written().stream().anyMatch(w -> marker.equals(w.record().user())));
    }

    List<Written> recordsOf(String endpoint) {
        return store.written().stream()
                .filter(w -> Objects.equals(endpoint, w.record().endpoint().name()))
                .toList();
    }
}
