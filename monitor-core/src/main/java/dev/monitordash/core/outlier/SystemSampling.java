package dev.monitordash.core.outlier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Keeps a {@link SystemSnapshot} fresh on a thread of its own, so that neither the watchdog nor a capture
 * ever waits for OSHI. Setting OSHI up (loading JNA, reading the hardware) takes ~100 ms on an idle machine
 * and several times that on a loaded one; done on the watchdog thread, as it once was, it held up the
 * first watched request's capture by that long, or missed the request altogether when it ended meanwhile.
 *
 * <p>The first snapshot follows the set-up by {@link #FIRST_NANOS}: CPU load is a difference of tick
 * counters, and a snapshot right after the baseline would show every core idle.
 */
final class SystemSampling implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SystemSampling.class);
    static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final Runnable prepare;
    private final Supplier<SystemSnapshot> sample;
    private final Thread thread;
    private volatile SystemSnapshot latest;
    private volatile boolean closed;

    /** OSHI and JMX through a {@link SystemSampler} of its own. */
    SystemSampling(String threadName) {
        this(threadName, new SystemSampler());
    }

    private SystemSampling(String threadName, SystemSampler sampler) {
        this(threadName, sampler::prepare, sampler::sample);
    }

    /**
     * @param prepare run once on the sampling thread before the first sample (tests make it slow)
     * @param sample  takes one snapshot; only ever called from the sampling thread
     */
    SystemSampling(String threadName, Runnable prepare, Supplier<SystemSnapshot> sample) {
        this.prepare = prepare;
        this.sample = sample;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The latest snapshot, or null until the first one (some 200 ms plus OSHI's set-up after start). */
    SystemSnapshot latest() {
        return latest;
    }

    private void run() {
        try {
            prepare.run();
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("MonitorDash system sampling could not be prepared; the samples will say why", e);
        }
        long next = System.nanoTime() + FIRST_NANOS;
        while (!closed) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue; // woken early (close, spurious): check again
            }
            try {
                latest = sample.get();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("MonitorDash system sample failed", e);
            }
            next = System.nanoTime() + PERIOD_NANOS;
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
    }
}
