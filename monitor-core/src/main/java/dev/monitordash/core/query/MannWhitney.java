package dev.monitordash.core.query;

import java.util.Arrays;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided, with the normal approximation, tie correction
 * and continuity correction (the textbook form, and SciPy's {@code mannwhitneyu(method="asymptotic")}).
 * Chosen over FMD's median test because it uses every value's rank, not only its side of the median, so
 * it finds a shift with fewer samples; like it, it assumes nothing about the shape of the distribution.
 * The normal approximation is good from about 8 values per side; the report uses up to
 * {@link Report#SAMPLE_PER_SIDE}.
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
    static double upperTail(double z) {
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
