package dev.monitordash.core.record;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.testing.Await;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.Sql;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    static final long T0 = Records.micros(java.time.Instant.parse("2025-06-01T10:00:00Z"));

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
        assertEquals(new PipelineStats(20_000, 20_000, 0, 0, true, null), s);
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
        assertEquals(0, pipeline.stats().written());
        bringStoreBack();
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

        pipeline.start();
        pipeline.close();
        assertFalse(pipeline.offer(Records.get(ENDPOINTS.get(0), T0, 1)), "nobody would write it");
        assertEquals(new PipelineStats(10, 10, 6, 0, true, null), pipeline.stats());
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

    private void offerAll(List<RequestRecord> records) {
        for (RequestRecord r : records) {
            assertTrue(pipeline.offer(r), "queue unexpectedly full");
        }
    }
}
