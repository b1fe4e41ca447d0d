package dev.monitordash.core.stats;

import dev.monitordash.core.rollup.DurationSketch;

import java.util.Arrays;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided, with the normal approximation, tie correction
 * and continuity correction (the textbook form, and SciPy's {@code mannwhitneyu(method="asymptotic")}).
 * It assumes nothing about the shape of the distribution; the normal approximation is good from about 8
 * values per side.
 *
 * <p>The report runs it on whole sketches ({@link #test(DurationSketch, DurationSketch)}): every request
 * of a side, each counted at its sketch bin (bins are 2 % wide), so that power grows with traffic instead
 * of stopping at a sample's size. Values of one bin tie; the tie correction makes the test exact for the
 * binned values. The report shows its rank-biserial effect, "how much slower overall", beside the quantile
 * tests ({@link TailTest}) that decide: a rank test also reacts to a change of the tail alone, so it cannot
 * say which part of the distribution moved.
 */
public final class MannWhitney {

    /**
     * @param u      U of the second sample: pairs (a, b) with b &gt; a, ties counting one half
     * @param z      standard score of |U − n₁n₂/2|, after continuity correction (0 when everything ties)
     * @param p      two-sided p-value
     * @param effect rank-biserial correlation 2U/(n₁n₂) − 1 in [−1, 1]: positive when the second sample
     *               tends to be larger (slower), 0 for no difference
     */
    public record Result(double u, double z, double p, double effect) {
    }

    private MannWhitney() {
    }

    /** Both sides' sketches walked together, bin by bin: counts per distinct value, ascending. */
    private record Bins(long[] first, long[] second, int size) {

        static Bins of(DurationSketch first, DurationSketch second) {
            Sorted a = Sorted.of(first);
            Sorted b = Sorted.of(second);
            // Both sketches use one mapping, so equal bins have equal representative values: a merge of two
            // ascending lists.
            long[] na = new long[a.size + b.size];
            long[] nb = new long[a.size + b.size];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < a.size || j < b.size) {
                if (j == b.size || (i < a.size && a.values[i] < b.values[j])) {
                    na[k++] = a.counts[i++];
                } else if (i == a.size || b.values[j] < a.values[i]) {
                    nb[k++] = b.counts[j++];
                } else {
                    na[k] = a.counts[i++];
                    nb[k++] = b.counts[j++];
                }
            }
            return new Bins(na, nb, k);
        }
    }

    /** One sketch's non-empty bins, ascending. */
    private static final class Sorted {
        double[] values = new double[32];
        long[] counts = new long[32];
        int size;

        static Sorted of(DurationSketch sketch) {
            Sorted s = new Sorted();
            sketch.forEachBin((lower, upper, value, count) -> {
                if (s.size == s.values.length) {
                    s.values = Arrays.copyOf(s.values, 2 * s.size);
                    s.counts = Arrays.copyOf(s.counts, 2 * s.size);
                }
                s.values[s.size] = value;
                s.counts[s.size++] = count;
            });
            return s;
        }
    }

    /** U, its mean and tie-corrected variance of one comparison (one stratum). */
    private record Moments(double u, double mean, double variance, double n1, double n2) {

        static Moments of(DurationSketch first, DurationSketch second) {
            Bins bins = Bins.of(first, second);
            double n1 = first.count();
            double n2 = second.count();
            double n = n1 + n2;
            double below = 0;
            double rankSum = 0;
            double tieTerm = 0;
            for (int k = 0; k < bins.size(); k++) {
                double t = bins.first()[k] + bins.second()[k];
                rankSum += bins.second()[k] * (below + (t + 1) / 2); // mid-rank of the tied bin
                tieTerm += t * t * t - t;
                below += t;
            }
            double u = rankSum - n2 * (n2 + 1) / 2;
            double pairs = n1 * n2;
            double variance = pairs / 12.0 * ((n + 1) - tieTerm / (n * (n - 1)));
            return new Moments(u, pairs / 2, variance, n1, n2);
        }
    }

    /**
     * The test on every duration counted in two sketches: the rank of a duration is that of its bin,
     * durations of one bin tie. Both sketches need values.
     */
    public static Result test(DurationSketch first, DurationSketch second) {
        if (first.isEmpty() || second.isEmpty()) {
            throw new IllegalArgumentException("both sketches need values, had " + first.count() + " and "
                    + second.count());
        }
        Moments m = Moments.of(first, second);
        double effect = 2 * m.u() / (m.n1() * m.n2()) - 1;
        if (!(m.variance() > 0)) {
            return new Result(m.u(), 0, 1, effect);
        }
        double z = Math.max(0, Math.abs(m.u() - m.mean()) - 0.5) / Math.sqrt(m.variance());
        return new Result(m.u(), z, Math.min(1, 2 * upperTail(z)), effect);
    }

    public static Result test(long[] first, long[] second) {
        int n1 = first.length;
        int n2 = second.length;
        if (n1 == 0 || n2 == 0) {
            throw new IllegalArgumentException("both samples need values, had " + n1 + " and " + n2);
        }
        int n = n1 + n2;
        long[] all = new long[n];
        System.arraycopy(first, 0, all, 0, n1);
        System.arraycopy(second, 0, all, n1, n2);
        long[] sorted = all.clone();
        Arrays.sort(sorted);
        // Rank sum of the second sample with mid-ranks for ties, and the tie term Σ(t³ − t).
        double tieTerm = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j < n && sorted[j] == sorted[i]) {
                j++;
            }
            long t = j - i;
            tieTerm += (double) t * t * t - t;
            i = j;
        }
        double rankSum = 0;
        for (long v : second) {
            int lo = lowerBound(sorted, v);
            int hi = lowerBound(sorted, v + 1);
            rankSum += (lo + 1 + hi) / 2.0; // mean of ranks lo+1 .. hi
        }
        double u = rankSum - n2 * (n2 + 1) / 2.0;
        double pairs = (double) n1 * n2;
        double mean = pairs / 2;
        double variance = pairs / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        double effect = 2 * u / pairs - 1;
        if (variance <= 0) {
            return new Result(u, 0, 1, effect);
        }
        double z = Math.max(0, Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
        return new Result(u, z, Math.min(1, 2 * upperTail(z)), effect);
    }

    private static int lowerBound(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** P(Z &gt; z) of the standard normal, through erfc. */
    public static double upperTail(double z) {
        return 0.5 * erfc(z / Math.sqrt(2));
    }

    /**
     * Complementary error function, Chebyshev fit of Numerical Recipes (2nd ed., §6.2, {@code erfcc}):
     * fractional error below 1.2e-7 everywhere, plenty for a p-value compared with 0.05.
     */
    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
