package dev.monitordash.servlet.reliability;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.servlet.MonitoringDashboard;
import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.JettyServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Exactly N: a real embedded Jetty with the filter and a real SQLite file, {@code reliability.connections}
 * (200) concurrent connections sending {@code reliability.requests} (20 000) requests. Every answered
 * request is stored exactly once, and the counters agree with the file: written == rows, dropped == 0
 * (the default queue of 65 536 holds the whole run).
 */
@Tag("reliability")
class ExactlyOnceUnderLoadTest {

    static final int CONNECTIONS = Integer.getInteger("reliability.connections", 200);
    static final int REQUESTS = Integer.getInteger("reliability.requests", 20_000);

    @TempDir
    Path dir;

    @Test
    void everyAnsweredRequestIsStoredExactlyOnceAndTheCountersAgree() throws Exception {
        Path database = dir.resolve("exactly-once.db");
        AtomicReference<Monitor> monitor = new AtomicReference<>();
        JettyServer server = new JettyServer();
        server.addServlet("work", new WorkServlet(), "/work");
        server.bindWith(context -> monitor.set(MonitoringDashboard.configure()
                .database("jdbc:sqlite:" + database).adminPassword("reliability").version("reliability")
                .groupBy(request -> request.getParameter("id")).bind(context)));
        server.start();
        long started = System.nanoTime();
        Load load;
        long loadMillis;
        long drainMillis;
        try {
            load = new Load(server.uri("").toString(), CONNECTIONS, REQUESTS, 0).start();
            load.join();
            loadMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            Monitor m = monitor.get();
            Await.until("the queue is drained", Duration.ofSeconds(120),
                    () -> m.stats().queued() == 0 && m.stats().written() + m.stats().dropped() == m.stats().offered());
            drainMillis = Duration.ofNanos(System.nanoTime() - started).toMillis() - loadMillis;
        } finally {
            server.stop();
        }
        PipelineStats stats = monitor.get().stats();
        Map<String, Integer> stored = Figures.storedIds(database);
        Set<String> missing = new HashSet<>(load.answered);
        missing.removeAll(stored.keySet());
        long rows = Figures.rows(stored);
        long duplicated = Figures.duplicated(stored);
        Figures.print("exactly-n", String.format("connections=%d offered=%d answered=%d stored=%d written=%d"
                        + " dropped=%d (rejected=%d failed=%d lost=%d) missing=%d duplicated=%d failedRequests=%d"
                        + " load=%dms drain=%dms throughput=%d/s",
                CONNECTIONS, stats.offered(), load.answered.size(), rows, stats.written(), stats.dropped(),
                stats.rejected(), stats.failed(), stats.lost(), missing.size(), duplicated, load.failed.get(),
                loadMillis, drainMillis, load.answered.size() * 1000L / Math.max(1, loadMillis)));

        assertEquals(REQUESTS, load.answered.size(), "every request answered 200: " + load);
        assertEquals(0, missing.size(), "answered but not stored, e.g. " + missing.stream().limit(5).toList());
        assertEquals(0, duplicated, "ids stored more than once");
        assertEquals(REQUESTS, rows, "one row per request");
        assertEquals(REQUESTS, stats.offered(), "one record offered per request");
        assertEquals(rows, stats.written(), "written == rows in the file");
        assertEquals(0, stats.dropped(), stats.toString());
    }
}
