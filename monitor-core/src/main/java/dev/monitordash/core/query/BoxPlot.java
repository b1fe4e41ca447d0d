package dev.monitordash.core.query;

import java.util.List;

/**
 * A box plot of execution times in milliseconds (or, for {@link OutlierCpu}, CPU loads in percent), from exact quartiles (R-7, see {@link Quantiles}).
 * Whiskers reach the most extreme values within 1.5 IQR of the box (Tukey); values beyond are outliers,
 * of which at most {@link BoxPlotReader#OUTLIERS_PER_SIDE} per side are listed (the most extreme ones),
 * while {@code outlierCount} counts them all.
 *
 * @param label        what the box is of: a version, user, endpoint
 * @param count        number of requests
 * @param min          shortest
 * @param q1           first quartile
 * @param median       median
 * @param q3           third quartile
 * @param max          longest
 * @param lowerWhisker smallest value ≥ q1 − 1.5 IQR
 * @param upperWhisker largest value ≤ q3 + 1.5 IQR
 * @param outliers     values beyond the whiskers, ascending, capped per side
 * @param outlierCount all values beyond the whiskers
 */
public record BoxPlot(String label, long count, double min, double q1, double median, double q3, double max,
        double lowerWhisker, double upperWhisker, List<Double> outliers, long outlierCount) {
}
