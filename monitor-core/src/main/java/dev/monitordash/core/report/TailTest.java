package dev.monitordash.core.report;

import dev.monitordash.core.rollup.DurationSketch;

/**
 * A test of one upper quantile (p90, p99): does one side exceed it more often than the other? The
 * threshold is the quantile of both sides pooled, so under "nothing changed" it does not depend on which
 * side a request came from and the two counts above it form an ordinary 2 × 2 table (Mood's median test,
 * moved to the upper quantile); compared with a two-proportion z-test with continuity correction. A rank
 * test weighs every request alike and misses a change of the slowest tenth that leaves the centre alone
 * (issue 10: a p90 doubled at p = 0.86); counting exceedances looks only where the change is.
 *
 * <p>Runs on sketches, so it uses every request: durations in the threshold's own bin count as not above
 * it, on both sides alike.
 */
public final class TailTest {

    /** Fewer requests above the quantile than this a side expected, and the normal approximation is poor. */
    static final double MIN_EXPECTED_ABOVE = 10;

    /**
     * @param threshold    the pooled quantile, µs
     * @param aboveFirst   requests of the first side above it
     * @param aboveSecond  requests of the second side above it
     * @param z            standard score of the difference of the shares above, after continuity correction
     * @param p            two-sided p-value
     */
    public record Result(double threshold, long aboveFirst, long aboveSecond, double z, double p) {
    }

    private TailTest() {
    }

    /** Whether both sides are large enough for the test of quantile q (10 requests a side above it). */
    public static boolean applies(long first, long second, double q) {
        return Math.min(first, second) * (1 - q) >= MIN_EXPECTED_ABOVE - 1e-9;
    }

    public static Result test(DurationSketch first, DurationSketch second, double q) {
        if (first.isEmpty() || second.isEmpty() || !(q > 0 && q < 1)) {
            throw new IllegalArgumentException("quantile " + q + " of sketches of " + first.count() + " and "
                    + second.count());
        }
        DurationSketch pooled = new DurationSketch();
        pooled.merge(first);
        pooled.merge(second);
        double threshold = pooled.quantile(q);
        long a = above(first, threshold);
        long b = above(second, threshold);
        double n1 = first.count();
        double n2 = second.count();
        double share = (a + b) / (n1 + n2);
        double se = Math.sqrt(share * (1 - share) * (1 / n1 + 1 / n2));
        if (!(se > 0)) {
            return new Result(threshold, a, b, 0, 1);
        }
        double difference = Math.abs(b / n2 - a / n1) - 0.5 * (1 / n1 + 1 / n2);
        double z = Math.max(0, difference) / se;
        return new Result(threshold, a, b, z, Math.min(1, 2 * MannWhitney.upperTail(z)));
    }

    private static long above(DurationSketch sketch, double threshold) {
        long[] n = {0};
        // The threshold is a bin's representative value (or between two): strictly greater values are in
        // higher bins.
        sketch.forEachBin((lower, upper, value, count) -> {
            if (value > threshold) {
                n[0] += count;
            }
        });
        return n[0];
    }
}
