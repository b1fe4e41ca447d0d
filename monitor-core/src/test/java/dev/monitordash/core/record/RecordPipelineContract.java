package dev.monitordash.core.record;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.store.StoreException;
import dev.monitordash.core.testing.Await;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.Sql;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static dev.monitordash.core.testing.Records.ORIGIN;
import static dev.monitordash.core.testing.Records.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline against a real store: drops are counted and never block while the store is down,
 * writing resumes by itself, and close() flushes. Subclasses bring a real SQLite file or PostgreSQL
 * server down and back.
 */
abstract class RecordPipelineContract {

    static final Duration PATIENCE = Duration.ofSeconds(90); // generous: a loaded 2-core CI machine
    static final List<Endpoint> ENDPOINTS = List.of(endpoint("/a"), endpoint("/b"), endpoint("/c"));
    static final java.time.Instant START = java.time.Instant.parse("2025-06-01T10:00:00Z");
    static final long T0 = Records.micros(START);

    protected abstract TestDatabase database();

    /** A URL for this test's store; may start the server it needs. */
    protected abstract String url() throws Exception;

    protected abstract void takeStoreDown() throws Exception;

    protected abstract void bringStoreBack() throws Exception;

    JdbcStore store;
    RecordPipeline pipeline;
    String url;

    @BeforeEach
    void openStore() throws Exception {
        url = url();
        store = JdbcStore.open(database().config(url).build());
    }

    @AfterEach
    void closeAll() {
        if (pipeline != null) {
            pipeline.close();
        }
        store.close();
    }

    long rowsOf(String user) throws Exception {
        return Sql.longValue(database(), url, "SELECT COUNT(*) FROM request_detail WHERE user_name = ?", user);
    }

    @Test
    void dropsAndCountsRecordsWhileTheStoreIsDownWithoutBlockingThenResumesWritingByItself() throws Exception {
        pipeline = new RecordPipeline(store, ORIGIN, 1_000, 100, Duration.ofSeconds(30)).start();
        offerAll(Records.many(200, ENDPOINTS, T0, "before"));
        Await.until("the first records are written", PATIENCE, () -> pipeline.stats().written() == 200);

        takeStoreDown();
        List<RequestRecord> during = Records.many(5_000, ENDPOINTS, T0 + 1_000_000, "during");
        long slowest = 0;
        long started = System.nanoTime();
        for (RequestRecord r : during) {
            long before = System.nanoTime();
            pipeline.offer(r);
            slowest = Math.max(slowest, System.nanoTime() - before);
        }
        long total = System.nanoTime() - started;
        // A blocking offer would wait for the store (seconds); these bounds only absorb GC pauses.
        assertTrue(slowest < TimeUnit.MILLISECONDS.toNanos(500), "slowest offer took " + slowest + " ns");
        assertTrue(total < TimeUnit.SECONDS.toNanos(3), "5000 offers took " + total + " ns");
        Await.until("the writer notices the dead store", PATIENCE,
                () -> !pipeline.stats().storeHealthy() && pipeline.stats().dropped() >= 4_000);
        assertNotNull(pipeline.stats().lastError());

        bringStoreBack();
        Await.until("the queue drains once the store is back", PATIENCE, () -> {
            PipelineStats s = pipeline.stats();
            return s.queued() == 0 && s.storeHealthy() && s.written() + s.dropped() == 5_200;
        });
        offerAll(Records.many(300, ENDPOINTS, T0 + 2_000_000, "after"));
        Await.until("records offered after the outage are stored", PATIENCE, () -> rowsOf("after") == 300);

        PipelineStats s = pipeline.stats();
        assertEquals(5_500, s.written() + s.dropped(), "every record is either written or counted as dropped");
        assertEquals(200, rowsOf("before"));
        assertEquals(s.written(), Sql.longValue(database(), url, "SELECT COUNT(*) FROM request_detail"));
        assertTrue(s.storeHealthy());
    }

    @Test
    void closeFlushesEverythingQueuedWithinTheShutdownTimeout() throws Exception {
        pipeline = new RecordPipeline(store, ORIGIN, 50_000, 1_000, Duration.ofSeconds(60));
        offerAll(Records.many(20_000, ENDPOINTS, T0, "queued")); // queued before the writer even starts
        pipeline.start();
        long started = System.nanoTime();
        pipeline.close();
        long took = System.nanoTime() - started;

        assertTrue(took < TimeUnit.SECONDS.toNanos(60), "close took " + took + " ns");
        PipelineStats s = pipeline.stats();
        assertEquals(new PipelineStats(20_000, 20_000, 0, 0, 0, 0, StoreState.OK, null), s);
        assertEquals(20_000, rowsOf("queued"));
    }

    @Test
    void closeIsBoundedWhenTheStoreIsDownAndCountsWhatItCouldNotWrite() throws Exception {
        pipeline = new RecordPipeline(store, ORIGIN, 10_000, 100, Duration.ofSeconds(2));
        offerAll(Records.many(5_000, ENDPOINTS, T0, "lost"));
        takeStoreDown();
        pipeline.start();
        long started = System.nanoTime();
        pipeline.close();
        long took = System.nanoTime() - started;

        // Timeout, then one second for the interrupted writer to finish, plus scheduling slack.
        assertTrue(took < TimeUnit.SECONDS.toNanos(2 + 1 + 2), "close took " + took + " ns");
        Await.until("every record is accounted for", PATIENCE,
                () -> pipeline.stats().written() + pipeline.stats().dropped() == 5_000);
        PipelineStats s = pipeline.stats();
        assertEquals(0, s.written());
        assertEquals(0, s.rejected(), "all were accepted");
        assertEquals(5_000, s.failed() + s.lost(), "failed batches, or still queued when close gave up");
        assertEquals(0, s.queued());
        bringStoreBack();
    }

    @Test
    void theStoreReadsHealthyOnlyAfterAWriteAndEveryRecordEndsUnderOneCounter() throws Exception {
        pipeline = new RecordPipeline(store, ORIGIN, 100, 50, Duration.ofSeconds(30));
        assertEquals(StoreState.CONNECTING, pipeline.stats().store(), "nothing has reached the store yet");
        assertFalse(pipeline.stats().storeHealthy(), "healthy only once a write succeeded");
        pipeline.start();
        offerAll(Records.many(30, ENDPOINTS, T0, "first"));
        Await.until("the first write", PATIENCE, () -> pipeline.stats().written() == 30);
        assertTrue(pipeline.stats().storeHealthy());

        takeStoreDown();
        offerAll(Records.many(100, ENDPOINTS, T0, "failed"));
        Await.until("both batches fail", PATIENCE, () -> pipeline.stats().failed() == 100);
        assertEquals(StoreState.FAILING, pipeline.stats().store());
        assertFalse(pipeline.stats().storeHealthy());

        bringStoreBack();
        // A pooled connection opened during the outage may fail its next write too (counted as failed):
        // keep offering, one record at a time, until one is written.
        Await.until("the store takes writes again", PATIENCE, () -> {
            if (pipeline.stats().queued() == 0) {
                pipeline.offer(Records.get(ENDPOINTS.get(0), T0 + 1_000_000, 1));
            }
            return pipeline.stats().written() > 30;
        });
        assertTrue(pipeline.stats().storeHealthy());
        pipeline.close();

        PipelineStats s = pipeline.stats();
        assertEquals(StoreState.OK, s.store());
        assertEquals(0, s.queued());
        assertEquals(0, s.rejected());
        assertEquals(0, s.lost());
        assertTrue(s.failed() >= 100, s.toString());
        assertEquals(s.offered(), s.written() + s.dropped(), "the identity of docs/api.md: " + s);
        assertEquals(s.written(), Sql.longValue(database(), url, "SELECT COUNT(*) FROM request_detail"),
                "written means in the store");
        assertEquals(0, rowsOf("failed"), "a failed batch was rolled back whole");
    }

    @Test
    void recordsNeverTriedAreCountedLost() {
        pipeline = new RecordPipeline(store, ORIGIN, 100, 50, Duration.ofSeconds(1));
        offerAll(Records.many(30, ENDPOINTS, T0, "never"));
        pipeline.close(); // the writer never ran: nothing was tried, nothing may vanish uncounted

        PipelineStats s = pipeline.stats();
        assertEquals(30, s.lost());
        assertEquals(0, s.queued());
        assertEquals(s.offered(), s.written() + s.dropped());
    }

    @Test
    void storeTasksRunOnTheWriterBeforeRecordsAndAreRetriedWhileTheStoreIsDownWhileRecordsWait()
            throws Exception {
        takeStoreDown();
        pipeline = new RecordPipeline(store, ORIGIN, 1_000, 100, Duration.ofSeconds(30));
        AtomicLong attempts = new AtomicLong();
        Set<String> threads = ConcurrentHashMap.newKeySet();
        pipeline.submit(() -> {
            attempts.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            store.saveEndpoint("/declared", "Handler", 1, java.time.Instant.parse("2025-06-01T09:00:00Z"), "1.0");
        });
        pipeline.start();
        offerAll(Records.many(300, ENDPOINTS, T0, "waiting"));
        Await.until("the task is retried", PATIENCE, () -> attempts.get() >= 2);
        PipelineStats down = pipeline.stats();
        assertEquals(0, down.failed(), "records wait for the store instead of failing batch by batch");
        assertEquals(300, down.queued());
        assertEquals(StoreState.FAILING, down.store());

        bringStoreBack();
        Await.until("the records follow the task", PATIENCE, () -> pipeline.stats().written() == 300);
        assertEquals(1, Sql.longValue(database(), url, "SELECT COUNT(*) FROM endpoint WHERE name = '/declared'"));
        assertEquals(Set.of("monitordash-writer"), threads);
    }

    @Test
    void queueFullAndOffersAfterCloseAreDroppedAndCounted() throws Exception {
        pipeline = new RecordPipeline(store, ORIGIN, 10, 10, Duration.ofSeconds(30));
        List<Boolean> taken = new ArrayList<>();
        for (RequestRecord r : Records.many(15, ENDPOINTS, T0, "burst")) {
            taken.add(pipeline.offer(r));
        }
        assertEquals(10, taken.stream().filter(b -> b).count());
        assertEquals(5, pipeline.stats().dropped());
        assertEquals(5, pipeline.stats().rejected(), "never accepted: the queue was full");

        pipeline.start();
        pipeline.close();
        assertFalse(pipeline.offer(Records.get(ENDPOINTS.get(0), T0, 1)), "nobody would write it");
        assertEquals(new PipelineStats(10, 10, 6, 0, 0, 0, StoreState.OK, null), pipeline.stats());
        assertEquals(10, rowsOf("burst"));
    }

    @Test
    void theBetweenBatchesTaskRunsOnTheWriterThreadWhileIdleAndBetweenBatchesAndNotAfterClose() throws Exception {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        AtomicLong runs = new AtomicLong();
        AtomicBoolean failOnce = new AtomicBoolean(true);
        pipeline = new RecordPipeline(store, ORIGIN, 50_000, 100, Duration.ofSeconds(30), batch -> { }, () -> {
            threads.add(Thread.currentThread().getName());
            runs.incrementAndGet();
            if (failOnce.getAndSet(false)) {
                throw new IllegalStateException("a failing task must not stop the writer");
            }
        });
        offerAll(Records.many(5_000, ENDPOINTS, T0, "between"));
        pipeline.start();
        Await.until("all 50 batches are written", PATIENCE, () -> pipeline.stats().written() == 5_000);
        long afterWriting = runs.get();
        assertTrue(afterWriting >= 50, "ran " + afterWriting + " times for 50 batches");
        Await.until("the task runs while the writer is idle", PATIENCE, () -> runs.get() > afterWriting + 3);
        pipeline.close();
        long afterClose = runs.get();
        assertFalse(pipeline.offer(Records.get(ENDPOINTS.get(0), T0, 1)));
        assertEquals(afterClose, runs.get(), "a closed pipeline's writer has stopped");
        assertEquals(Set.of("monitordash-writer"), threads);
        assertEquals(5_000, rowsOf("between"));
    }

    @Test
    void recordsEverythingWhileSlowExportsHoldEveryDashboardConnection() throws Exception {
        pipeline = new RecordPipeline(store, ORIGIN, 100_000, 100, Duration.ofSeconds(30)).start();
        offerAll(Records.many(1_000, ENDPOINTS, T0, "exported"));
        Await.until("the rows to export are written", PATIENCE, () -> pipeline.stats().written() == 1_000);

        // Downloads to slow clients: each export stops at its first row until the test lets it go, holding
        // its database connection. More of them than either dialect lets the dashboard read at once.
        int exports = 8;
        AtomicInteger holding = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        TimeRange range = new TimeRange(START.minusSeconds(3_600), START.plusSeconds(3_600));
        ExecutorService downloads = Executors.newFixedThreadPool(exports);
        try {
            for (int i = 0; i < exports; i++) {
                downloads.submit(() -> {
                    while (release.getCount() > 0) {
                        try {
                            store.queries().analytics().export(null, range, row -> {
                                holding.incrementAndGet();
                                try {
                                    release.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                                throw new IOException("the client went away");
                            });
                        } catch (IOException | StoreException expected) {
                            // released, or no reader connection free within the wait: try again
                        }
                    }
                    return null;
                });
            }
            Await.until("exports hold the dashboard's connections", PATIENCE, () -> holding.get() >= 2);
            Thread.sleep(1_000); // the other exports now wait for a connection

            // Meanwhile the application keeps serving: records arrive for a few seconds.
            for (int second = 0; second < 4; second++) {
                offerAll(Records.many(500, ENDPOINTS, T0 + 10_000_000L * (second + 1), "during"));
                Thread.sleep(1_000);
            }
            Await.until("the records offered during the exports are written", PATIENCE,
                    () -> pipeline.stats().written() + pipeline.stats().dropped() == 3_000);
            assertEquals(0, pipeline.stats().dropped(), "the writer never waits for a dashboard reader");
            assertEquals(2_000, rowsOf("during"));
            assertTrue(pipeline.stats().storeHealthy());

            // A dashboard call beyond the readers' capacity waits its turn or is turned away; it never hangs.
            long started = System.nanoTime();
            try {
                store.queries().overview(java.time.ZoneOffset.UTC);
            } catch (StoreException busy) {
                // answered 503 by the dashboard
            }
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30), "the overview call hung");
        } finally {
            release.countDown();
            downloads.shutdown();
            assertTrue(downloads.awaitTermination(60, TimeUnit.SECONDS), "exports ended");
        }
    }

    private void offerAll(List<RequestRecord> records) {
        for (RequestRecord r : records) {
            assertTrue(pipeline.offer(r), "queue unexpectedly full");
        }
    }
}
