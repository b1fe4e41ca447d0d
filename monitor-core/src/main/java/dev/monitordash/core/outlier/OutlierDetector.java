package dev.monitordash.core.outlier;

import dev.monitordash.core.cleanup.ApplicationLoader;
import dev.monitordash.core.config.MonitorConfig;

import java.util.function.Supplier;

/**
 * Level 2 of a monitor: thresholds per endpoint, the one watchdog thread and the system sampling thread.
 * Both threads start when level 2 is first in use — {@link #start()}, called by the monitor at startup
 * when an endpoint is at level ≥ 2 and when one is set to it, or else on the first watched request — so
 * applications that never use level 2 pay nothing. OSHI is set up on the sampling thread, never on a
 * request thread nor the watchdog's.
 */
public final class OutlierDetector implements AutoCloseable {

    private final OutlierThresholds thresholds;
    private final Masking masking;
    private final String threadName;
    private final SystemSampling sampling;
    private final Object startLock = new Object();
    private final ApplicationLoader application = ApplicationLoader.ofCurrentThread();
    private volatile Watchdog watchdog;
    private volatile boolean closed;

    public OutlierDetector(MonitorConfig config) {
        this(thresholds(config), Masking.of(config), "monitordash-watchdog",
                new SystemSampling("monitordash-system"));
    }

    OutlierDetector(OutlierThresholds thresholds, Masking masking, String threadName) {
        this(thresholds, masking, threadName, new SystemSampling(threadName + "-system"));
    }

    OutlierDetector(OutlierThresholds thresholds, Masking masking, String threadName, SystemSampling sampling) {
        this.thresholds = thresholds;
        this.masking = masking;
        this.threadName = threadName;
        this.sampling = sampling;
    }

    /** The mean rule of the seed, or the percentile rule when one is configured. */
    static OutlierThresholds thresholds(MonitorConfig config) {
        long floor = config.outlierMinDuration().toNanos();
        return config.outlierPercentile()
                .map(p -> OutlierThresholds.percentile(p, config.outlierPercentileWindow(), config.outlierMinRequests(), floor))
                .orElseGet(() -> new OutlierThresholds(config.outlierConstant(), config.outlierMinRequests(), floor));
    }

    public OutlierThresholds thresholds() {
        return thresholds;
    }

    /**
     * Starts watching a request that began at {@code startNanos} ({@code System.nanoTime()}) on the
     * current thread. Returns null when the endpoint has no threshold yet (too few requests): such a
     * request cannot be an outlier. Otherwise the caller must call {@link OutlierWatch#finish()} when the
     * request ends, whatever happens.
     *
     * @param requestData read by the watchdog only if the request becomes an outlier, while it still runs
     */
    public OutlierWatch watch(String endpoint, long startNanos, Supplier<RequestData> requestData) {
        long threshold = thresholds.thresholdNanos(endpoint);
        if (threshold == OutlierThresholds.NONE || closed) {
            return null;
        }
        Watchdog dog = watchdog();
        if (dog == null || !dog.isRunning()) {
            return null;
        }
        OutlierWatch w = new OutlierWatch(endpoint, Thread.currentThread(), startNanos, threshold, requestData);
        dog.register(w);
        return w;
    }

    /**
     * Starts the watchdog and the system sampling in the background, if not yet started: once level 2 is
     * in use, so that the first snapshot exists before the first deadline. Returns at once. Idempotent.
     */
    public void start() {
        watchdog();
    }

    /** The latest system snapshot, null before the first (some 200 ms plus OSHI's set-up after start). */
    public SystemSnapshot latestSystem() {
        return sampling.latest();
    }

    /** Outliers captured since start. */
    public long captures() {
        Watchdog w = watchdog;
        return w == null ? 0 : w.captures();
    }

    /** Overdue requests not captured because captures were over their rate limit. */
    public long skipped() {
        Watchdog w = watchdog;
        return w == null ? 0 : w.skipped();
    }

    /** How often the watchdog has walked its queue, for tests. */
    long scans() {
        Watchdog w = watchdog;
        return w == null ? 0 : w.scans();
    }

    /** Requests being watched right now. */
    public int watching() {
        Watchdog w = watchdog;
        return w == null ? 0 : w.watching();
    }

    /** The running watchdog, started if need be; null once closed. */
    private Watchdog watchdog() {
        Watchdog w = watchdog;
        if (w != null) {
            return w;
        }
        synchronized (startLock) {
            if (closed) {
                return null;
            }
            if (watchdog == null) {
                sampling.start();
                Watchdog started = new Watchdog(masking, threadName, sampling::latest, thresholds.floorNanos());
                started.start();
                watchdog = started;
            }
            return watchdog;
        }
    }

    @Override
    public void close() {
        closed = true;
        synchronized (startLock) {
            if (watchdog != null) {
                watchdog.close();
                sampling.close();
                JnaCleaner.stopIfOwnedBy(application); // OSHI, on the sampling thread, may have started it
            }
        }
    }
}
