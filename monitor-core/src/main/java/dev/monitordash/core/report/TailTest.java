package dev.monitordash.core.report;

import dev.monitordash.core.rollup.DurationSketch;
import dev.monitordash.core.stats.MannWhitney;

import java.util.List;

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
     * @param threshold    the pooled quantile, µs (NaN for the stratified test: one per stratum)
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

    /** One stratum of a stratified test: the first and second side's durations in it. */
    public record Stratum(DurationSketch first, DurationSketch second) {
    }

    /**
     * The Cochran-Mantel-Haenszel form over strata (hours of the day): each stratum's own pooled quantile
     * is its threshold, and only requests of one stratum are compared with each other, so a different mix
     * of strata on the two sides (more requests in busy hours) makes no difference by itself. Strata with
     * a side empty are left out; {@code z} is signed (positive: the second side exceeds more often). p = 1
     * when no stratum has both sides.
     */
    public static Result stratified(List<Stratum> strata, double q) {
        double difference = 0;
        double variance = 0;
        long aboveFirst = 0;
        long aboveSecond = 0;
        for (Stratum s : strata) {
            if (s.first().isEmpty() || s.second().isEmpty()) {
                continue;
            }
            DurationSketch pooled = new DurationSketch();
            pooled.merge(s.first());
            pooled.merge(s.second());
            double threshold = pooled.quantile(q);
            long a = above(s.first(), threshold);
            long b = above(s.second(), threshold);
            double n1 = s.first().count();
            double n2 = s.second().count();
            double n = n1 + n2;
            double m = a + b;
            difference += b - m * n2 / n;
            if (n > 1) {
                variance += m * (n - m) * n1 * n2 / (n * n * (n - 1));
            }
            aboveFirst += a;
            aboveSecond += b;
        }
        if (!(variance > 0)) {
            return new Result(Double.NaN, aboveFirst, aboveSecond, 0, 1);
        }
        double z = Math.signum(difference) * Math.max(0, Math.abs(difference) - 0.5) / Math.sqrt(variance);
        return new Result(Double.NaN, aboveFirst, aboveSecond, z, Math.min(1, 2 * MannWhitney.upperTail(Math.abs(z))));
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
