package dev.monitordash.core.resource;

import dev.monitordash.core.record.Origin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one resource thread of a monitor: every period it takes a sample, keeps it in memory for
 * {@link #series()} and writes it to the store. It writes itself rather than through the request writer:
 * a sample is one small transaction every 10 s, and a failing store must not make the writer retry it
 * ahead of requests. Samples the store could not take wait (up to an hour's worth, oldest dropped first)
 * and are written with the next one, so a short outage leaves no gap.
 */
public final class ResourceRecorder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceRecorder.class);
    private static final long FAILURE_LOG_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** The first sample comes soon after start, so that the CPU baseline (OSHI's ticks) is set early. */
    static final long FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final ResourceSampler sampler;
    private final ResourceStore store;
    private final Origin origin;
    private final long periodNanos;
    private final RecentSamples recent;
    private final int maxPending;
    private final Deque<ResourceSample> pending = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean closed;
    private long lastFailureLog = System.nanoTime() - FAILURE_LOG_NANOS;
    private volatile long samplesTaken;
    private volatile long samplesDropped;

    public ResourceRecorder(ResourceSampler sampler, ResourceStore store, Origin origin, Duration period) {
        this.sampler = sampler;
        this.store = store;
        this.origin = origin;
        this.periodNanos = period.toNanos();
        // An hour at least (what an alert window reads), and never fewer than 60 samples.
        int perHour = (int) Math.max(60, TimeUnit.HOURS.toNanos(1) / periodNanos);
        this.recent = new RecentSamples(perHour + 1);
        this.maxPending = perHour;
        this.thread = new Thread(this::run, "monitordash-resources");
        this.thread.setDaemon(true);
    }

    public ResourceRecorder start() {
        thread.start();
        return this;
    }

    /** This instance's recent samples, in memory (what alert conditions read). */
    public ResourceSeries series() {
        return recent;
    }

    /** Samples taken since start. */
    public long samplesTaken() {
        return samplesTaken;
    }

    /** Samples dropped because the store could not take them for over an hour. */
    public long samplesDropped() {
        return samplesDropped;
    }

    private void run() {
        long next = System.nanoTime() + FIRST_NANOS;
        while (!closed) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue; // woken early (close, spurious): check again
            }
            next += periodNanos;
            if (next - System.nanoTime() < 0) {
                next = System.nanoTime() + periodNanos; // fell behind (a suspended VM): no burst of catch-up
            }
            sampleAndWrite();
        }
    }

    /** One round: sample, remember, write what is pending. Package-private for tests. */
    void sampleAndWrite() {
        ResourceSample s;
        try {
            s = sampler.sample();
        } catch (RuntimeException | LinkageError e) {
            logFailure("MonitorDash could not sample resources: {}", e);
            return;
        }
        samplesTaken++;
        recent.add(s);
        pending.addLast(s);
        while (pending.size() > maxPending) {
            pending.removeFirst();
            samplesDropped++;
        }
        try {
            store.write(new ArrayList<>(pending), origin);
            pending.clear();
        } catch (RuntimeException e) {
            logFailure("MonitorDash could not store resource samples; they wait and are retried: {}", e);
        }
    }

    private void logFailure(String message, Throwable e) {
        long now = System.nanoTime();
        if (now - lastFailureLog >= FAILURE_LOG_NANOS) {
            lastFailureLog = now;
            LOG.warn(message, e.toString());
        }
    }

    /** Stops the thread; samples not yet stored are given up (they are resources, not requests). */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
