package dev.monitordash.servlet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.Monitor;
import dev.monitordash.core.record.PipelineStats;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One store outage as the host application lives through it, against a real database that a test takes
 * down (SQLite file made unwritable, PostgreSQL server stopped) and brings back: every request is answered
 * normally and without waiting for the database, the lost records are counted (monitor and dashboard),
 * and writing resumes by itself once the database is back.
 */
public final class StoreOutage {

    /** Something that breaks or repairs the database. */
    public interface Step {
        void run() throws Exception;
    }

    public static final int REQUESTS_DURING = 50;
    public static final int REQUESTS_AFTER = 30;
    static final Duration PATIENCE = Duration.ofSeconds(90); // a loaded 2-core CI machine
    /**
     * A request that waited on the store would take at least its connection timeout (2 s) or SQLite's busy
     * timeout (5 s); a normal one takes milliseconds. The median ignores a GC or scheduling pause or two.
     */
    static final long MEDIAN_ALLOWED_NANOS = TimeUnit.MILLISECONDS.toNanos(1_000);

    private StoreOutage() {
    }

    public static void liveThrough(TestClient client, DashboardSession dashboard, Monitor monitor, StoredRows rows,
            Step takeDown, Step bringBack) throws Exception {
        assertEquals(200, client.get("/hello", "before").statusCode());
        Await.until("the request before the outage is stored", PATIENCE, () -> rows.requestsByUser("before") == 1);

        takeDown.run();
        long[] took = new long[REQUESTS_DURING];
        for (int i = 0; i < REQUESTS_DURING; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = client.get("/hello", "during");
            took[i] = System.nanoTime() - started;
            assertEquals(200, response.statusCode());
            assertEquals("hello", response.body());
        }
        Arrays.sort(took);
        assertTrue(took[REQUESTS_DURING / 2] < MEDIAN_ALLOWED_NANOS, "requests during the outage took "
                + Arrays.stream(took).map(TimeUnit.NANOSECONDS::toMillis).boxed().toList() + " ms");
        Await.until("every record of the outage counted as dropped", PATIENCE,
                () -> !monitor.stats().storeHealthy() && monitor.stats().dropped() == REQUESTS_DURING,
                () -> monitor.stats().toString());
        JsonNode status = dashboard.get("/api/status");
        assertEquals(REQUESTS_DURING, status.at("/pipeline/dropped").asLong(), status.toString());
        assertFalse(status.at("/store/healthy").asBoolean(), status.toString());
        assertTrue(status.at("/store/lastError").isTextual(), status.toString());

        bringBack.run();
        // Nobody tells the monitor the database is back: requests keep coming, and the writer gets through.
        awaitProbeStored(client, rows);
        long droppedBefore = monitor.stats().dropped();
        for (int i = 0; i < REQUESTS_AFTER; i++) {
            assertEquals(200, client.get("/users/" + i, "after").statusCode());
        }
        // Rows are visible from the commit on; the writer counts them a moment later, so wait for both.
        Await.until("the requests after the outage are stored and counted", PATIENCE,
                () -> rows.requestsByUser("after") == REQUESTS_AFTER && monitor.stats().queued() == 0
                        && monitor.stats().written() == rows.requests(),
                () -> monitor.stats() + ", rows " + rows.requests());

        PipelineStats stats = monitor.stats();
        assertTrue(stats.storeHealthy());
        assertEquals(droppedBefore, stats.dropped(), "nothing lost once the store was back");
        assertEquals(0, rows.requestsByUser("during"));
        assertEquals(1, rows.requestsByUser("before"));
        assertEquals(stats.written(), rows.requests(), "every written record is a row");
        assertEquals(stats.offered(), stats.written() + stats.dropped(), "every record written or counted");
        assertTrue(dashboard.get("/api/status").at("/store/healthy").asBoolean());
    }

    /** Sends a request every 200 ms until one of them is stored (the first may still meet the outage). */
    private static void awaitProbeStored(TestClient client, StoredRows rows) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            assertEquals(200, client.get("/hello", "probe").statusCode());
            Thread.sleep(200);
            if (rows.requestsByUser("probe") > 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no request was stored within " + PATIENCE + " after the store came back");
            }
        }
    }
}
