package dev.monitordash.servlet.reliability;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.core.testing.UnwritableSqliteFile;
import dev.monitordash.servlet.MonitoringDashboard;
import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.JettyServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SQLite file made unwritable for {@code reliability.outageSeconds} (60 s in the profile) while load
 * continues, then writable again. The host is never held by the store (request latency stays that of a
 * request that does not wait on it), writing resumes by itself, nothing offered after it resumed is lost,
 * and once the queue has drained written + dropped == offered and written == rows in the file.
 *
 * <p>Phases of the request ids: {@code before} the outage, {@code during} it, {@code after} it until the
 * first record of this phase is in the file, then {@code resumed}.
 */
@Tag("reliability")
class StoreUnwritableUnderLoadTest {

    static final int CONNECTIONS = Integer.getInteger("reliability.outageConnections", 20);
    /** Between a client's requests: an application's steady traffic (up to 2 000 requests/s), not a flood. */
    static final long PAUSE_MILLIS = 10;
    static final long OUTAGE_SECONDS = Long.getLong("reliability.outageSeconds", 60);
    /** A request that waited on the store takes at least the pool timeout (2 s) or SQLite's busy timeout (5 s). */
    static final long P99_ALLOWED_MILLIS = 1_000;

    @TempDir
    Path dir;

    @Test
    void theHostIsNeverHeldAndWritingResumesByItself() throws Exception {
        Path database = Files.createDirectories(dir.resolve("db")).resolve("outage.db");
        AtomicReference<Monitor> monitor = new AtomicReference<>();
        JettyServer server = new JettyServer();
        server.addServlet("work", new WorkServlet(), "/work");
        server.bindWith(context -> monitor.set(MonitoringDashboard.configure()
                .database("jdbc:sqlite:" + database).adminPassword("reliability").version("reliability")
                .groupBy(request -> request.getParameter("id")).bind(context)));
        server.start();
        boolean immutable = UnwritableSqliteFile.immutableAttributeWorks(database.getParent());
        Load load = Load.phased(server.uri("").toString(), CONNECTIONS, PAUSE_MILLIS, "before");
        long resumeMillis;
        PipelineStats duringOutage;
        try (UnwritableSqliteFile outage = new UnwritableSqliteFile(database)) {
            Monitor m = monitor.get();
            load.start();
            Await.until("a request before the outage is stored", Duration.ofSeconds(60),
                    () -> count(database, "before") > 0);
            Thread.sleep(5_000);

            outage.takeDown();
            load.phase("during");
            Thread.sleep(TimeUnit.SECONDS.toMillis(OUTAGE_SECONDS));
            duringOutage = m.stats();

            outage.bringBack();
            load.phase("after");
            long back = System.nanoTime();
            // Nobody tells the monitor: the writer finds out by itself that the file is writable again.
            Await.until("writing resumes", Duration.ofSeconds(120),
                    () -> m.stats().storeHealthy() && count(database, "after") > 0,
                    () -> m.stats().toString());
            resumeMillis = Duration.ofNanos(System.nanoTime() - back).toMillis();
            load.phase("resumed");
            Thread.sleep(5_000);
            load.stop();
            load.join();
            Await.until("the queue is drained", Duration.ofSeconds(120), () -> m.stats().queued() == 0
                    && m.stats().written() + m.stats().dropped() == m.stats().offered(), () -> m.stats().toString());
        } finally {
            load.stop();
            server.stop();
        }
        PipelineStats stats = monitor.get().stats();
        Map<String, Integer> stored = Figures.storedIds(database);
        Set<String> missingResumed = new HashSet<>();
        for (String id : load.answered) {
            if (id.startsWith("resumed-") && !stored.containsKey(id)) {
                missingResumed.add(id);
            }
        }
        long rows = Figures.rows(stored);
        Figures.print("store-unwritable", String.format("outage=%ds how=%s connections=%d offered=%d answered=%d"
                        + " stored=%d written=%d dropped=%d (rejected=%d failed=%d lost=%d) droppedDuringOutage=%d"
                        + " missingAfterResume=%d failedRequests=%d latencyDuringOutage p50=%dms p99=%dms max=%dms"
                        + " latencyBefore p99=%dms resumedAfter=%dms",
                OUTAGE_SECONDS, immutable ? "chattr+i" : "write-lock", CONNECTIONS, stats.offered(),
                load.answered.size(), rows, stats.written(), stats.dropped(), stats.rejected(), stats.failed(),
                stats.lost(), duringOutage.dropped(), missingResumed.size(), load.failed.get(),
                load.quantileMillis("during", 0.5), load.quantileMillis("during", 0.99),
                load.quantileMillis("during", 1.0), load.quantileMillis("before", 0.99), resumeMillis));

        assertEquals(0, load.failed.get(), "every request answered 200: " + load);
        assertTrue(load.answeredIn("during") > 0, "load continued during the outage");
        assertTrue(load.quantileMillis("during", 0.99) < P99_ALLOWED_MILLIS, "requests waited on the store");
        assertFalse(duringOutage.storeHealthy(), "the outage was noticed: " + duringOutage);
        assertTrue(duringOutage.dropped() > 0, "the outage was real: " + duringOutage);
        assertTrue(stats.storeHealthy(), stats.toString());
        assertEquals(0, missingResumed.size(), "lost after writing resumed, e.g. "
                + missingResumed.stream().limit(5).toList());
        assertEquals(stats.offered(), stats.written() + stats.dropped(), "every record written or counted");
        assertEquals(stats.written(), rows, "written == rows in the file");
        assertEquals(0, Figures.duplicated(stored), "ids stored more than once");
    }

    private static long count(Path database, String phase) {
        try {
            return Figures.countWithPrefix(database, phase + "-");
        } catch (java.sql.SQLException e) {
            return 0; // e.g. busy while the writer commits: asked again
        }
    }
}
