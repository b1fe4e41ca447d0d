package dev.monitordash.core.query;

/**
 * Where a quantile lies among n sorted values, by the method the box plots and reports use everywhere:
 * R-7 (Hyndman & Fan 1996, type 7; the default of R, NumPy and Excel's PERCENTILE.INC). With values
 * x[0] ≤ … ≤ x[n-1] and h = (n − 1)·p, the p-quantile is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]): the
 * median of an even count is the mean of the two middle values, the minimum is the 0-quantile and the
 * maximum the 1-quantile. Computed on rationals p = num/den so that no rounding moves the index.
 */
public final class Quantiles {

    private Quantiles() {
    }

    /** 0-based index of the lower value and the weight of the next one, for p = num/den of n values. */
    record Position(long index, double fraction) {
    }

    static Position of(long n, int num, int den) {
        if (n <= 0 || num < 0 || den <= 0 || num > den) {
            throw new IllegalArgumentException("quantile " + num + "/" + den + " of " + n + " values");
        }
        long scaled = (n - 1) * num;
        return new Position(scaled / den, (scaled % den) / (double) den);
    }

    /** The p-quantile (p = num/den) of sorted values, by R-7; for small in-memory samples. */
    public static double of(long[] sorted, int num, int den) {
        Position p = of(sorted.length, num, den);
        int i = (int) p.index();
        double lower = sorted[i];
        return p.fraction() == 0 ? lower : lower + p.fraction() * (sorted[i + 1] - lower);
    }
}
