package dev.monitordash.core.outlier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread per monitor that watches every running level-2 request (the seed started a thread per
 * request). Request threads add a {@link OutlierWatch} to a lock-free queue and flip its state when they
 * end; the watchdog walks the queue every tick, drops finished watches, and captures those past their
 * deadline. Between captures it samples the system every second so that captures never wait for CPU
 * figures.
 *
 * <p>Precision: a request is captured within one {@link #TICK_NANOS} after its deadline. When no request
 * has been watched for a while the thread sleeps until the next system sample, and the next registration
 * wakes it.
 */
final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    static final long SAMPLE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * Captures per second at most. Each costs a thread dump (a safepoint of a few milliseconds with
     * hundreds of threads); when a whole endpoint slows down at once, its first requests tell the story
     * and the rest would only stall the JVM. Requests over the limit are not outliers (counted as skipped).
     */
    static final int MAX_CAPTURES_PER_SECOND = 20;

    private final ConcurrentLinkedQueue<OutlierWatch> watches = new ConcurrentLinkedQueue<>();
    private final Capturer capturer;
    private final Thread thread;
    private volatile boolean idle;
    private volatile boolean closed;
    private volatile long captures;
    private volatile long skipped;
    private long windowStart = System.nanoTime();
    private int capturesInWindow;

    Watchdog(Masking masking, String name) {
        this.capturer = new Capturer(masking);
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Request thread: one queue insertion; wakes the watchdog only if it was idle. */
    void register(OutlierWatch watch) {
        watches.offer(watch);
        if (idle) {
            idle = false;
            LockSupport.unpark(thread);
        }
    }

    /** Captures taken so far. */
    long captures() {
        return captures;
    }

    /** Overdue requests not captured because of {@link #MAX_CAPTURES_PER_SECOND}. */
    long skipped() {
        return skipped;
    }

    /** Live watches, for tests. */
    int watching() {
        int n = 0;
        for (OutlierWatch w : watches) {
            if (!w.isFinished()) {
                n++;
            }
        }
        return n;
    }

    /** False once closed or dead: then nothing would ever take its watches off the queue. */
    boolean isRunning() {
        return !closed;
    }

    private void run() {
        try {
            loop();
        } finally {
            closed = true; // died of a VirtualMachineError: the detector stops registering watches
        }
    }

    private void loop() {
        long nextSample = System.nanoTime();
        long lastBusy = System.nanoTime();
        while (!closed) {
            try {
                long now = System.nanoTime();
                if (scan(now)) {
                    lastBusy = now;
                }
                if (now - nextSample >= 0) {
                    capturer.sample();
                    nextSample = now + SAMPLE_NANOS;
                }
                now = System.nanoTime();
                if (now - lastBusy > IDLE_AFTER_NANOS) {
                    idle = true;
                    if (!watches.isEmpty()) { // registered between the scan and here
                        idle = false;
                        continue;
                    }
                    // Until the next sample or a registration; the next scan decides whether to tick again.
                    LockSupport.parkNanos(this, Math.max(0, nextSample - now));
                } else {
                    LockSupport.parkNanos(this, TICK_NANOS);
                }
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError) {
                    throw (VirtualMachineError) t;
                }
                LOG.warn("MonitorDash outlier watchdog failed; it carries on", t);
            }
        }
    }

    /** Drops finished watches and captures overdue ones. Returns whether any request was being watched. */
    private boolean scan(long now) {
        boolean any = false;
        List<OutlierWatch> due = null;
        for (Iterator<OutlierWatch> it = watches.iterator(); it.hasNext(); ) {
            OutlierWatch w = it.next();
            any = true;
            if (w.isFinished()) {
                it.remove();
            } else if (now - w.deadlineNanos >= 0) {
                it.remove();
                if (now - windowStart >= SAMPLE_NANOS) {
                    windowStart = now;
                    capturesInWindow = 0;
                }
                if (capturesInWindow >= MAX_CAPTURES_PER_SECOND) {
                    skipped++;
                } else if (w.claim()) {
                    capturesInWindow++;
                    if (due == null) {
                        due = new ArrayList<>();
                    }
                    due.add(w);
                }
            }
        }
        if (due != null) {
            for (OutlierWatch w : due) {
                capture(w);
            }
        }
        return any;
    }

    private void capture(OutlierWatch w) {
        OutlierCapture result = null;
        try {
            result = capturer.capture(w.thread(), w.startNanos, w.thresholdNanos, w.requestData, w::released);
            captures++;
        } catch (RuntimeException e) {
            w.released();
            LOG.debug("MonitorDash could not capture an outlier of {}", w.endpoint, e);
        } finally {
            w.complete(result);
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Requests still running are no longer watched; their records carry no capture.
        for (OutlierWatch w : watches) {
            if (w.claim()) {
                w.released();
                w.complete(null);
            }
        }
    }
}
