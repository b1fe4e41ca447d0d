package dev.monitordash.core.outlier;

import dev.monitordash.core.query.Quantiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each endpoint's running mean duration and the outlier threshold it gives: mean × the outlier constant,
 * once the endpoint has at least the minimum number of requests (seed §4.2, appendix B), and never below
 * a floor: capturing a request costs milliseconds (a thread dump is a safepoint), so a microsecond
 * endpoint must not turn every scheduling hiccup into a capture.
 *
 * <p>Only one thread updates the means: the record pipeline's writer, which sees every finished request
 * anyway (and, at startup, the thread that loads the stored totals before the writer starts). Request
 * threads therefore never write here; they read one volatile threshold per request. Sum and count are
 * plain fields of that single writer, so the mean is exact, with no contention and no atomic operations.
 *
 * <p>Optionally a percentile rule replaces the mean rule: the threshold is the p-th percentile (R-7, as
 * every quantile of MonitorDash) of the endpoint's last N durations. Sorting N values per request would
 * cost the writer dearly, so observed endpoints are only marked, and {@link #endBatch()} (once per
 * written batch) recomputes each marked endpoint's percentile once.
 */
public final class OutlierThresholds {

    /** No threshold yet: too few requests, or none at all. */
    public static final long NONE = -1;

    private final double constant;
    private final long minRequests;
    private final long floorNanos;
    /** The percentile rule as num/den (99.9 → 9990/10000); den 0: the mean rule. */
    private final int percentileNum;
    private final int percentileDen;
    private final int window;
    private final ConcurrentHashMap<String, Mean> means = new ConcurrentHashMap<>();
    private final List<Mean> changed = new ArrayList<>(); // writer thread only

    public OutlierThresholds(double constant, long minRequests) {
        this(constant, minRequests, 0);
    }

    /** @param floorNanos the least threshold, whatever the mean */
    public OutlierThresholds(double constant, long minRequests, long floorNanos) {
        this(constant, minRequests, floorNanos, 0, 0);
    }

    private OutlierThresholds(double constant, long minRequests, long floorNanos, double percentile, int window) {
        if (!(constant > 1) || minRequests < 1 || floorNanos < 0) {
            throw new IllegalArgumentException("constant must be > 1, minRequests >= 1 and floorNanos >= 0");
        }
        if (percentile != 0 && (!(percentile > 0 && percentile < 100) || window < 1)) {
            throw new IllegalArgumentException("percentile must lie in (0, 100) and window be >= 1, were "
                    + percentile + " and " + window);
        }
        this.constant = constant;
        this.minRequests = minRequests;
        this.floorNanos = floorNanos;
        this.percentileNum = (int) Math.round(percentile * 100);
        this.percentileDen = percentile == 0 ? 0 : 10_000;
        this.window = window;
    }

    /**
     * The percentile rule: an endpoint's threshold is the {@code percentile} (e.g. 99 or 99.9, to 0.01) of
     * its last {@code window} durations, once it has {@code minRequests} requests; never below the floor.
     */
    public static OutlierThresholds percentile(double percentile, int window, long minRequests, long floorNanos) {
        if (percentile == 0) {
            throw new IllegalArgumentException("percentile must lie in (0, 100), was 0");
        }
        return new OutlierThresholds(2, minRequests, floorNanos, percentile, window);
    }

    /** The least threshold any endpoint can have: a request is never an outlier before it ran this long. */
    public long floorNanos() {
        return Math.max(1, floorNanos);
    }

    /** Whether the percentile rule is in force (otherwise the mean rule). */
    public boolean percentileRule() {
        return percentileDen != 0;
    }

    /** The endpoint's threshold in nanoseconds, or {@link #NONE}. Lock-free: one map read, one volatile read. */
    public long thresholdNanos(String endpoint) {
        Mean m = means.get(endpoint);
        return m == null ? NONE : m.threshold;
    }

    /** Adds one finished request. Writer thread only (see the class comment). */
    public void observe(String endpoint, long durationNanos) {
        Mean m = mean(endpoint);
        long nanos = Math.max(0, durationNanos);
        m.add(1, nanos, this);
        if (m.recent != null) {
            m.recent.add(nanos);
            mark(m);
        }
    }

    /**
     * The writer has handed over a batch: endpoints observed since the last call get their percentile
     * threshold (percentile rule; nothing to do for the mean rule, whose threshold follows every request).
     */
    public void endBatch() {
        for (Mean m : changed) {
            m.changed = false;
            m.threshold = percentileThreshold(m);
        }
        changed.clear();
    }

    /** Adds stored totals (at startup, before any {@link #observe}). */
    public void load(String endpoint, long count, long totalNanos) {
        if (count > 0) {
            mean(endpoint).add(count, totalNanos, this);
        }
    }

    /**
     * Adds an endpoint's latest stored durations, oldest first (at startup, percentile rule), so its
     * percentile survives restarts; call {@link #endBatch()} after loading.
     */
    public void loadRecent(String endpoint, long[] nanosOldestFirst) {
        Mean m = mean(endpoint);
        if (m.recent != null && nanosOldestFirst.length > 0) {
            for (long n : nanosOldestFirst) {
                m.recent.add(Math.max(0, n));
            }
            mark(m);
        }
    }

    /** How many latest durations per endpoint the percentile rule looks at; 0 under the mean rule. */
    public int window() {
        return window;
    }

    private Mean mean(String endpoint) {
        return means.computeIfAbsent(endpoint, k -> new Mean(percentileRule() ? new RecentDurations(window) : null));
    }

    private void mark(Mean m) {
        if (!m.changed) {
            m.changed = true;
            changed.add(m);
        }
    }

    private long percentileThreshold(Mean m) {
        if (m.count < minRequests || m.recent.size() == 0) {
            return NONE;
        }
        double p = Quantiles.of(m.recent.sorted(), percentileNum, percentileDen);
        return Math.max(Math.max(1, floorNanos), (long) Math.ceil(p));
    }

    /** Mean duration in nanoseconds and count per endpoint, for tests and diagnostics. */
    public Map<String, double[]> snapshot() {
        Map<String, double[]> out = new java.util.TreeMap<>();
        means.forEach((k, m) -> out.put(k, new double[] {m.count == 0 ? 0 : (double) m.sum / m.count, m.count}));
        return out;
    }

    private long threshold(long count, long sum) {
        if (count < minRequests) {
            return NONE;
        }
        double t = (double) sum / count * constant;
        return t >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(Math.max(1, floorNanos), (long) t);
    }

    private static final class Mean {
        long count;
        long sum;
        volatile long threshold = NONE;
        final RecentDurations recent; // percentile rule only
        boolean changed;

        Mean(RecentDurations recent) {
            this.recent = recent;
        }

        void add(long n, long nanos, OutlierThresholds owner) {
            count += n;
            // Saturate rather than wrap: 292 years of summed durations would be needed, but never go negative.
            long s = sum + nanos;
            sum = s < sum ? Long.MAX_VALUE : s;
            if (recent == null) {
                threshold = owner.threshold(count, sum);
            }
        }
    }
}
