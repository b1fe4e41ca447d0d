package dev.monitordash.core.report;

/**
 * How one part of an endpoint's distribution (median, p90, p99) changed.
 *
 * @param before      the quantile before, ms (from sketches: within 1 %)
 * @param after       the quantile after, ms
 * @param tested      whether the part was tested (enough requests a side; p99 needs 1 000)
 * @param p           the test's two-sided p-value (NaN when not tested): Mann-Whitney on every request for
 *                    the median, the exceedance test ({@link TailTest}) for p90 and p99
 * @param adjustedP   the Benjamini-Hochberg adjusted p-value across every test of the report (NaN when not
 *                    tested)
 * @param significant adjustedP within the false discovery rate, the change at least the minimum effect,
 *                    and the test's direction the same as the quantile's
 */
public record PartChange(Part part, double before, double after, boolean tested, double p, double adjustedP,
        boolean significant) {

    /** after / before; NaN when before is 0 or unknown. */
    public double ratio() {
        return before > 0 ? after / before : Double.NaN;
    }

    /** +1 significantly slower, −1 significantly faster, 0 otherwise. */
    public int direction() {
        return significant ? (after > before ? 1 : -1) : 0;
    }

    PartChange withAdjusted(double adjusted, boolean isSignificant) {
        return new PartChange(part, before, after, tested, p, adjusted, isSignificant);
    }
}
