package dev.monitordash.core.record;

import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.store.StoreException;
import dev.monitordash.core.store.StoreRefusedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The bounded queue between request threads and the store, and the one writer thread that drains it.
 * The request thread only ever calls {@link #offer}: it never waits and never touches the database.
 * When the queue is full or the store fails, records are dropped and counted (see {@link PipelineStats}
 * for which counter); the writer backs off and resumes writing by itself when the store is back.
 *
 * <p>The writer also runs the monitor's own store work ({@link #submit}: the startup's version, levels and
 * declared endpoints) so that no container thread ever waits for the database.
 */
public final class RecordPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RecordPipeline.class);
    private static final long MAX_BACKOFF_MILLIS = 2_000;
    private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
    /**
     * Unless a full batch is waiting, the writer lets records gather for 50 ms between batches (and an idle
     * writer looks every 50 ms): request threads never have to wake it (that would cost them a system
     * call), a record waits at most 50 ms before its batch starts, and a transaction's fixed cost is shared
     * by every record of those 50 ms. Writing whatever had arrived every millisecond, a writer at a few
     * thousand requests a second paid a whole transaction for every 2-3 records: 4-5 times the CPU per
     * record of a full batch (BENCHMARKS.md, "Where the CPU goes").
     */
    static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    /**
     * At JVM exit, how long no new record must come before the queue counts as drained: longer than the
     * writer's gathering pause, and long enough for requests in flight at SIGTERM to finish and be recorded.
     */
    static final long EXIT_QUIET_MILLIS = 200;

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
    private final LongAdder rejected = new LongAdder();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile StoreState storeState = StoreState.CONNECTING;
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
     * Hands a record to the writer. Never blocks; returns false (and counts it rejected) when the queue is
     * full or the pipeline is closing (the flush covers what was queued before {@link #close()}).
     */
    public boolean offer(RequestRecord record) {
        if (!closing && queue.offer(record)) {
            accepted.increment();
            return true;
        }
        rejected.increment();
        return false;
    }

    /**
     * Runs store work on the writer thread before its next batch, in the order submitted. A task that
     * throws a {@link StoreException} found the store unreachable: it is retried with the writer's back-off,
     * and records wait in the queue meanwhile (rejected once it is full) rather than fail batch by batch.
     * Anything else a task throws is logged and the task dropped. Tasks still pending at close are dropped.
     */
    public void submit(Runnable task) {
        tasks.add(task);
        LockSupport.unpark(writer);
    }

    public PipelineStats stats() {
        // Queued is what was accepted and not yet counted, so it includes the batch being written. The
        // counters are read before "accepted": a record only ever moves from queued to a counter.
        long w = written.get();
        long f = failed.get();
        long l = lost.get();
        long a = accepted.sum();
        return new PipelineStats(a, w, rejected.sum(), f, l, (int) Math.max(0, a - w - f - l), storeState,
                lastError);
    }

    private void drainLoop() {
        List<RequestRecord> batch = new ArrayList<>(batchSize);
        long backoff = 0;
        while (true) {
            try {
                if (backoff > 0) {
                    Thread.sleep(backoff);
                }
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (batch.isEmpty() && !closing) {
                    if (!runTasks()) {
                        backoff = nextBackoff(backoff);
                        continue;
                    }
                    runBetweenBatches();
                }
                if (batch.isEmpty()) {
                    if (queue.drainTo(batch, batchSize) == 0) {
                        if (closing) {
                            return;
                        }
                        logDrops();
                        LockSupport.parkNanos(this, GATHER_NANOS);
                        continue;
                    }
                    observe(batch);
                }
                store.writeBatch(batch, origin);
                // Counted only now: writeBatch returns after the commit, so "written" is in the store.
                written.addAndGet(batch.size());
                boolean full = batch.size() >= batchSize;
                batch.clear();
                storeReached();
                backoff = 0;
                if (!full && !closing) {
                    LockSupport.parkNanos(this, GATHER_NANOS); // no backlog: let the next batch gather
                }
            } catch (InterruptedException e) {
                // Shutdown gave up waiting: what is still queued is lost, and counted.
                lost.addAndGet(batch.size() + queue.discardAll());
                batch.clear();
                return;
            } catch (RuntimeException | Error e) {
                if (e instanceof VirtualMachineError) {
                    throw (VirtualMachineError) e; // out of memory and the like: not the store's fault
                }
                // The store failed: this batch is dropped and counted, the writer backs off and retries
                // with the next batch, so writing resumes by itself once the store is back.
                failed.addAndGet(batch.size());
                batch.clear();
                storeFailed(e);
                backoff = closing ? 0 : nextBackoff(backoff);
                if (closing && queue.isEmpty()) {
                    return;
                }
            }
            logDrops();
        }
    }

    private static long nextBackoff(long backoff) {
        return Math.min(MAX_BACKOFF_MILLIS, Math.max(50, backoff * 2));
    }

    /** False when a task found the store unreachable: it stays first in line, the writer backs off. */
    private boolean runTasks() {
        for (Runnable task = tasks.peek(); task != null; task = tasks.peek()) {
            try {
                task.run();
                storeReached();
            } catch (StoreRefusedException e) {
                // Never to be written: dropped, so that records reach the store, fail and are counted
                // rather than wait behind it until the queue is full.
                storeFailed(e);
            } catch (StoreException e) {
                storeFailed(e);
                return false;
            } catch (RuntimeException e) {
                LOG.warn("MonitorDash store task failed and is skipped", e);
            }
            tasks.poll();
        }
        return true;
    }

    private void storeReached() {
        if (storeState == StoreState.FAILING) {
            LOG.info("MonitorDash store is writable again; recording resumed");
        }
        storeState = StoreState.OK;
    }

    private void storeFailed(Throwable e) {
        if (storeState != StoreState.FAILING) {
            LOG.warn("MonitorDash store failed; dropping records until it recovers: {}", e.toString());
        }
        storeState = StoreState.FAILING;
        lastError = e.getMessage() != null ? e.getMessage() : e.toString();
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
        long total = rejected.sum() + failed.get() + lost.get();
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
            long millis = shutdownTimeout.toMillis();
            if (millis > 0) { // join(0) would wait forever
                writer.join(millis);
            }
            if (writer.isAlive()) {
                abandon("could not flush its queue within " + shutdownTimeout);
            } else {
                // The writer has ended, so this thread may act as the queue's consumer.
                // A record offered in the instant close() began may have missed the writer's last look.
                lost.addAndGet(queue.discardAll());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * For a JVM shutdown hook: waits, within the shutdown timeout, until every accepted record has been
     * written (or counted) and no new one has come for {@link #EXIT_QUIET_MILLIS}. The pipeline stays
     * open, so a container that stops its applications in its own hook at the same time still records
     * the requests it is finishing and closes the monitor itself. When time runs out the writer is
     * stopped and what is left is counted as lost (and logged: after this the process is gone).
     *
     * @return true when nothing accepted was left unwritten and uncounted
     */
    public boolean drainBeforeExit() {
        long deadline = System.nanoTime() + shutdownTimeout.toNanos();
        long seen = -1;
        long quietSince = System.nanoTime();
        while (writer.isAlive()) {
            long now = System.nanoTime();
            long a = accepted.sum();
            boolean settled = a == written.get() + failed.get() + lost.get();
            if (!settled || a != seen) {
                seen = settled ? a : -1;
                quietSince = now;
            } else if (now - quietSince >= TimeUnit.MILLISECONDS.toNanos(EXIT_QUIET_MILLIS)) {
                return true;
            }
            if (now - deadline >= 0) {
                abandon("could not write its queue within " + shutdownTimeout + " before the JVM exits");
                return false;
            }
            LockSupport.unpark(writer);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return true;
    }

    // Closing, the writer interrupted: what it has not written is counted as lost, by it or by us.
    private void abandon(String why) {
        closing = true;
        LOG.warn("MonitorDash {}; the {} records still queued are lost", why,
                accepted.sum() - written.get() - failed.get() - lost.get());
        writer.interrupt();
        try {
            writer.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!writer.isAlive()) {
            lost.addAndGet(queue.discardAll());
        }
    }
}
