package dev.monitordash.core.outlier;

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
 */
public final class OutlierThresholds {

    /** No threshold yet: too few requests, or none at all. */
    public static final long NONE = -1;

    private final double constant;
    private final long minRequests;
    private final long floorNanos;
    private final ConcurrentHashMap<String, Mean> means = new ConcurrentHashMap<>();

    public OutlierThresholds(double constant, long minRequests) {
        this(constant, minRequests, 0);
    }

    /** @param floorNanos the least threshold, whatever the mean */
    public OutlierThresholds(double constant, long minRequests, long floorNanos) {
        if (!(constant > 1) || minRequests < 1 || floorNanos < 0) {
            throw new IllegalArgumentException("constant must be > 1, minRequests >= 1 and floorNanos >= 0");
        }
        this.constant = constant;
        this.minRequests = minRequests;
        this.floorNanos = floorNanos;
    }

    /** The endpoint's threshold in nanoseconds, or {@link #NONE}. Lock-free: one map read, one volatile read. */
    public long thresholdNanos(String endpoint) {
        Mean m = means.get(endpoint);
        return m == null ? NONE : m.threshold;
    }

    /** Adds one finished request. Writer thread only (see the class comment). */
    public void observe(String endpoint, long durationNanos) {
        Mean m = means.computeIfAbsent(endpoint, k -> new Mean());
        m.add(1, Math.max(0, durationNanos), this);
    }

    /** Adds stored totals (at startup, before any {@link #observe}). */
    public void load(String endpoint, long count, long totalNanos) {
        if (count > 0) {
            means.computeIfAbsent(endpoint, k -> new Mean()).add(count, totalNanos, this);
        }
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

        void add(long n, long nanos, OutlierThresholds owner) {
            count += n;
            // Saturate rather than wrap: 292 years of summed durations would be needed, but never go negative.
            long s = sum + nanos;
            sum = s < sum ? Long.MAX_VALUE : s;
            threshold = owner.threshold(count, sum);
        }
    }
}
