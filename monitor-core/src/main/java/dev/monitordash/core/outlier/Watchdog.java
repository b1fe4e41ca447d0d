package dev.monitordash.core.outlier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The one thread per monitor that watches every running level-2 request (the seed started a thread per
 * request). Request threads add a {@link OutlierWatch} to a lock-free queue and flip its state when they
 * end; the watchdog walks the queue every tick, drops finished watches, and captures those past their
 * deadline. It does nothing else: the system figures come from {@link SystemSampling}'s own thread, so no
 * OSHI call (its set-up takes ~100 ms and more) ever stands between a deadline and its capture.
 *
 * <p>When it wakes: at the earliest deadline it knows of, but no later than the least threshold after the
 * start of its last scan — no request registered since can be due before that, as every threshold is at
 * least the floor ({@code monitordash.outlier.min-duration}) — and no sooner than {@link #TICK_NANOS}
 * after it. With the default 10 ms floor it wakes about every 10 ms under load instead of every tick: each
 * wake-up of a thread costs the application's CPU (a timer, two context switches), and a saturated server
 * has none to spare.
 *
 * <p>Lateness: a request is captured at its deadline, or within one {@link #TICK_NANOS} after it when the
 * floor is below a tick, plus the reads of the requests due before it in the same scan (microseconds),
 * plus however late the OS wakes this thread — the first watched request included. When no request has
 * been watched for a while the thread sleeps, and the next registration wakes it.
 */
final class Watchdog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Watchdog.class);
    /** The shortest pause between two scans. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    /** The longest pause between two scans while requests are watched: finished watches wait that long to go. */
    static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);
    /**
     * How long a capture taken before the first system sample waits for it. The store's writer waits 5 s
     * for a capture ({@code JdbcStore.CAPTURE_WAIT_MILLIS}); after this the capture gets the JVM's figures.
     */
    static final long SYSTEM_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /**
     * Captures per second at most. Each costs a thread dump (a safepoint of a few milliseconds with
     * hundreds of threads); when a whole endpoint slows down at once, its first requests tell the story
     * and the rest would only stall the JVM. Requests over the limit are not outliers (counted as skipped).
     */
    static final int MAX_CAPTURES_PER_SECOND = 20;

    private final ConcurrentLinkedQueue<OutlierWatch> watches = new ConcurrentLinkedQueue<>();
    private final Capturer capturer;
    private final Supplier<SystemSnapshot> latestSystem;
    /** Captures taken before the first system sample, completed when it comes; watchdog thread only. */
    private final List<Pending> pending = new ArrayList<>();
    private final Thread thread;
    /** How long after a scan starts the next one must, at the latest: no watch registered since is due sooner. */
    private final long pauseNanos;
    /** The earliest deadline among the watches the last scan kept (none: its start + the pause); watchdog only. */
    private long earliestDeadline;
    private volatile long scans;
    private volatile boolean idle;
    private volatile boolean closed;
    private volatile long captures;
    private volatile long skipped;
    private long windowStart = System.nanoTime();
    private int capturesInWindow;

    private record Pending(OutlierWatch watch, OutlierCapture capture, long sinceNanos) {
    }

    /**
     * @param latestSystem       the latest system snapshot, null until the first (never sampled here)
     * @param minThresholdNanos  no threshold is ever below this (the floor of {@link OutlierThresholds})
     */
    Watchdog(Masking masking, String name, Supplier<SystemSnapshot> latestSystem, long minThresholdNanos) {
        this.pauseNanos = Math.max(TICK_NANOS, Math.min(MAX_PAUSE_NANOS, minThresholdNanos));
        this.capturer = new Capturer(masking, latestSystem);
        this.latestSystem = latestSystem;
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

    /** Scans of the queue so far, for tests. */
    long scans() {
        return scans;
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
        capturer.warmUp(); // before the first deadline: its capture then costs what the next ones do
        long lastBusy = System.nanoTime();
        while (!closed) {
            try {
                long scanned = System.nanoTime();
                boolean watching = scan(scanned);
                if (watching | completePending(scanned)) {
                    lastBusy = scanned;
                }
                long now = System.nanoTime();
                if (now - lastBusy > IDLE_AFTER_NANOS) {
                    idle = true;
                    if (!watches.isEmpty()) { // registered between the scan and here
                        idle = false;
                        continue;
                    }
                    // Until a registration wakes it; the next scan decides whether to tick again.
                    LockSupport.parkNanos(this, IDLE_AFTER_NANOS);
                } else {
                    long wakeAt = scanned + pauseNanos;
                    if (watching && earliestDeadline - wakeAt < 0) {
                        wakeAt = Math.max(earliestDeadline - scanned, TICK_NANOS) + scanned;
                    }
                    if (wakeAt - now > 0) {
                        LockSupport.parkNanos(this, wakeAt - now);
                    }
                }
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError) {
                    throw (VirtualMachineError) t;
                }
                LOG.warn("MonitorDash outlier watchdog failed; it carries on", t);
            }
        }
    }

    /**
     * Drops finished watches and captures overdue ones. Returns whether any request was being watched, and
     * leaves the earliest deadline of those still watched in {@link #earliestDeadline}.
     */
    private boolean scan(long now) {
        scans++; // this thread only
        boolean any = false;
        boolean kept = false;
        List<OutlierWatch> due = null;
        for (Iterator<OutlierWatch> it = watches.iterator(); it.hasNext(); ) {
            OutlierWatch w = it.next();
            any = true;
            if (w.isFinished()) {
                it.remove();
            } else if (now - w.deadlineNanos < 0) {
                if (!kept || w.deadlineNanos - earliestDeadline < 0) {
                    earliestDeadline = w.deadlineNanos;
                    kept = true;
                }
            } else {
                it.remove();
                if (now - windowStart >= WINDOW_NANOS) {
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
            capture(due);
        }
        if (!kept) {
            earliestDeadline = now + pauseNanos;
        }
        return any;
    }

    /**
     * Captures the requests one scan found overdue. Each request is read first (its stack and the request:
     * microseconds), so its thread, waiting in {@link OutlierWatch#finish()} if it ended meanwhile, is never
     * held for the dumps of the captures before it. One dump of all threads then serves them all: they
     * were overdue at the same moment — typically all requests in flight after a pause of the whole JVM
     * (garbage collection, the OS descheduling it) — and a dump (a safepoint, then every stack as text)
     * costs milliseconds of the CPU a server this slow is short of.
     */
    private void capture(List<OutlierWatch> due) {
        List<Capturer.Read> reads = new ArrayList<>(due.size());
        for (OutlierWatch w : due) {
            Capturer.Read read = null;
            try {
                read = capturer.read(w.thread(), w.startNanos, w.thresholdNanos, w.requestData, w::released);
            } catch (RuntimeException e) {
                w.released();
                LOG.debug("MonitorDash could not capture an outlier of {}", w.endpoint, e);
            }
            reads.add(read);
        }
        List<String> dumpNotes = new ArrayList<>();
        List<CapturedThread> dump = capturer.dumpAll(dumpNotes);
        for (int i = 0; i < due.size(); i++) {
            OutlierWatch w = due.get(i);
            OutlierCapture result = null;
            try {
                if (reads.get(i) != null) {
                    result = capturer.complete(reads.get(i), dump, dumpNotes);
                    captures++;
                    if (result.system() == null) {
                        pending.add(new Pending(w, result, System.nanoTime()));
                        continue;
                    }
                }
            } catch (RuntimeException e) {
                result = null;
                LOG.debug("MonitorDash could not capture an outlier of {}", w.endpoint, e);
            }
            w.complete(result);
        }
    }

    /**
     * Gives captures taken before the first system sample that sample once it exists, or the JVM's figures
     * after {@link #SYSTEM_WAIT_NANOS}. Returns whether any capture was still waiting.
     */
    private boolean completePending(long now) {
        if (pending.isEmpty()) {
            return false;
        }
        SystemSnapshot system = latestSystem.get();
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (system != null) {
                p.watch().complete(p.capture().withSystem(system,
                        "system figures from the first sample, " + system.sampledAt() + ", after the capture"));
            } else if (now - p.sinceNanos() > SYSTEM_WAIT_NANOS) {
                p.watch().complete(p.capture().withSystem(
                        SystemSampler.jvmOnly("CPU and system memory unavailable: the"
                                + " system sampler had not taken its first sample yet"), null));
            } else {
                continue;
            }
            it.remove();
        }
        return true;
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
        for (Pending p : pending) {
            p.watch().complete(p.capture().withSystem(SystemSampler.jvmOnly("the monitor closed before the"
                    + " first system sample"), null));
        }
        pending.clear();
        for (OutlierWatch w : watches) {
            if (w.claim()) {
                w.released();
                w.complete(null);
            }
        }
    }
}
