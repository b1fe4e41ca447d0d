package dev.monitordash.core.record;

import dev.monitordash.core.store.MonitorStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The bounded queue between request threads and the store, and the one writer thread that drains it.
 * The request thread only ever calls {@link #offer}: it never waits and never touches the database.
 * When the queue is full or the store fails, records are dropped and counted; the writer backs off and
 * resumes writing by itself when the store is back.
 */
public final class RecordPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordPipeline.class);
    private static final long MAX_BACKOFF_MILLIS = 2_000;
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    /**
     * An idle writer looks again after 1 ms, doubling up to 50 ms: request threads never have to wake it
     * (that would cost them a system call), and a record waits at most 50 ms before its batch starts.
     */
    private static final long MIN_IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final RecordQueue queue;
    private final MonitorStore store;
    private final Origin origin;
    private final int batchSize;
    private final Duration shutdownTimeout;
    private final Thread writer;
    private final Consumer<List<RequestRecord>> beforeWrite;
    private final Runnable betweenBatches;

    private final LongAdder accepted = new LongAdder(); // LongAdder: many request threads add at once
    private final AtomicLong written = new AtomicLong();
    private final LongAdder dropped = new LongAdder();
    private volatile boolean storeHealthy = true;
    private volatile String lastError;
    private volatile boolean closing;
    private long lastDropLogNanos = System.nanoTime() - DROP_LOG_INTERVAL_NANOS;
    private long droppedAtLastLog;

    public RecordPipeline(MonitorStore store, Origin origin, int capacity, int batchSize, Duration shutdownTimeout) {
        this(store, origin, capacity, batchSize, shutdownTimeout, batch -> { });
    }

    /**
     * @param beforeWrite sees every batch on the writer thread before it is written (also when the store
     *                    then fails); the outlier thresholds learn each endpoint's mean from it
     */
    public RecordPipeline(MonitorStore store, Origin origin, int capacity, int batchSize, Duration shutdownTimeout,
            Consumer<List<RequestRecord>> beforeWrite) {
        this(store, origin, capacity, batchSize, shutdownTimeout, beforeWrite, () -> { });
    }

    /**
     * @param betweenBatches runs on the writer thread each time it comes round between batches (at least
     *                       every 50 ms when idle, every 2 s while the store fails): periodic store work
     *                       such as reloading levels, without a thread of its own. It must return quickly
     *                       when it has nothing to do; what it throws is logged and ignored.
     */
    public RecordPipeline(MonitorStore store, Origin origin, int capacity, int batchSize, Duration shutdownTimeout,
            Consumer<List<RequestRecord>> beforeWrite, Runnable betweenBatches) {
        this.beforeWrite = beforeWrite;
        this.betweenBatches = betweenBatches;
        this.queue = new RecordQueue(capacity);
        this.store = store;
        this.origin = origin;
        this.batchSize = batchSize;
        this.shutdownTimeout = shutdownTimeout;
        this.writer = new Thread(this::drainLoop, "monitordash-writer");
        this.writer.setDaemon(true);
    }

    public RecordPipeline start() {
        writer.start();
        return this;
    }

    /**
     * Hands a record to the writer. Never blocks; returns false (and counts a drop) when the queue is
     * full or the pipeline is closing (the flush covers what was queued before {@link #close()}).
     */
    public boolean offer(RequestRecord record) {
        if (!closing && queue.offer(record)) {
            accepted.increment();
            return true;
        }
        dropped.increment();
        return false;
    }

    public PipelineStats stats() {
        return new PipelineStats(accepted.sum(), written.get(), dropped.sum(), queue.size(), storeHealthy, lastError);
    }

    private void drainLoop() {
        List<RequestRecord> batch = new ArrayList<>(batchSize);
        long backoff = 0;
        long idlePark = MIN_IDLE_PARK_NANOS;
        while (true) {
            try {
                if (backoff > 0) {
                    Thread.sleep(backoff);
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (batch.isEmpty() && !closing) {
                    runBetweenBatches();
                }
                if (batch.isEmpty()) {
                    if (queue.drainTo(batch, batchSize) == 0) {
                        if (closing) {
                            return;
                        }
                        logDrops();
                        LockSupport.parkNanos(this, idlePark);
                        idlePark = Math.min(MAX_IDLE_PARK_NANOS, idlePark * 2);
                        continue;
                    }
                    idlePark = MIN_IDLE_PARK_NANOS;
                    observe(batch);
                }
                store.writeBatch(batch, origin);
                written.addAndGet(batch.size());
                batch.clear();
                if (!storeHealthy) {
                    LOG.info("MonitorDash store is writable again; recording resumed");
                }
                storeHealthy = true;
                backoff = 0;
            } catch (InterruptedException e) {
                // close() gave up waiting: what is still queued is lost, and counted.
                dropped.add(batch.size());
                batch.clear();
                dropped.add(queue.discardAll());
                return;
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw (VirtualMachineError) e; // out of memory and the like: not the store's fault
                }
                // The store failed: this batch is dropped and counted, the writer backs off and retries
                // with the next batch, so writing resumes by itself once the store is back.
                dropped.add(batch.size());
                batch.clear();
                if (storeHealthy) {
                    LOG.warn("MonitorDash store failed; dropping records until it recovers: {}", e.toString());
                }
                storeHealthy = false;
                lastError = e.getMessage() != null ? e.getMessage() : e.toString();
                backoff = closing ? 0 : Math.min(MAX_BACKOFF_MILLIS, Math.max(50, backoff * 2));
                if (closing && queue.isEmpty()) {
                    return;
                }
            }
            logDrops();
        }
    }

    private void observe(List<RequestRecord> batch) {
        try {
            beforeWrite.accept(batch);
        } catch (RuntimeException e) {
            LOG.debug("MonitorDash batch listener failed; the batch is written anyway", e);
        }
    }

    private void runBetweenBatches() {
        try {
            betweenBatches.run();
        } catch (RuntimeException e) {
            LOG.debug("MonitorDash periodic writer task failed; writing goes on", e);
        }
    }

    // Rate-limited: a dead store can drop thousands of records a second; the log gets one line a minute.
    private void logDrops() {
        long now = System.nanoTime();
        if (now - lastDropLogNanos < DROP_LOG_INTERVAL_NANOS) {
            return;
        }
        long total = dropped.sum();
        if (total > droppedAtLastLog) {
            LOG.warn("MonitorDash dropped {} request records in the last minute ({} in total)",
                    total - droppedAtLastLog, total);
            droppedAtLastLog = total;
        }
        lastDropLogNanos = now;
    }

    /** Flushes what is queued within the shutdown timeout, then stops the writer. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(writer); // don't wait out an idle park
        try {
            writer.join(shutdownTimeout.toMillis());
            if (writer.isAlive()) {
                LOG.warn("MonitorDash could not flush its queue within {}; the {} records still queued are dropped",
                        shutdownTimeout, queue.size());
                writer.interrupt();
                writer.join(1_000);
            }
            if (!writer.isAlive()) {
                // The writer has ended, so this thread may act as the queue's consumer.
                // A record offered in the instant close() began may have missed the writer's last look.
                dropped.add(queue.discardAll());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
