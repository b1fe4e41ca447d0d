package dev.monitordash.core.query;

import dev.monitordash.core.rollup.DurationSketch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link BoxPlot} from a rollup's {@link DurationSketch} and the exact minimum and maximum stored beside
 * it, for ranges too large to read {@link BoxPlotReader}'s exact box from the rows. Every duration is
 * represented by its bin's value clamped into [min, max] (0 µs exactly); the quartiles are the sketch's,
 * clamped into [min, max]; the fences, whiskers and outliers follow {@link BoxPlotReader} on those values.
 *
 * <p><b>Accuracy</b>, for any number n of durations, against the exact box of the same durations
 * ({@link BoxPlotReader#of}), with Q1 and Q3 the exact quartiles and α = 1 %
 * ({@link DurationSketch#RELATIVE_ACCURACY}; floating-point rounding adds at most 10⁻¹⁵ relative):
 * <ul>
 * <li>count, min and max are exact.</li>
 * <li>q1, median and q3 are each within α of the exact R-7 quartile: |q − q<sub>exact</sub>| ≤ 0.01 ·
 * q<sub>exact</sub>. The R-7 quartile x<sub>k</sub> + f·(x<sub>k+1</sub> − x<sub>k</sub>) interpolates
 * between two order statistics; the sketch interpolates with the same f between their bins' values,
 * each within 1 % of its order statistic, so the result is within 1 % of the exact quartile (and so
 * within 1 % of a value between x<sub>k</sub> and x<sub>k+1</sub>). This holds for small n too: with one
 * value every field is that value.</li>
 * <li>The fences L = Q1 − 1.5·IQR and U = Q3 + 1.5·IQR move by at most ε<sub>L</sub> = 0.01 · (2.5·Q1 +
 * 1.5·Q3) and ε<sub>U</sub> = 0.01 · (1.5·Q1 + 2.5·Q3). A duration x is put on the same side of a fence
 * as in the exact box unless |x − L| ≤ 0.01·x + ε<sub>L</sub> (or |x − U| ≤ 0.01·x + ε<sub>U</sub>):
 * only durations in these bands around the fences may be counted on either side, so outlierCount
 * differs from the exact count by at most the number of durations in the two bands.</li>
 * <li>Each whisker is within 1 % of a duration that lies in its fence's band or is the first duration
 * past the band towards the box; so is the exact whisker. With no duration in the band both are the same
 * duration: the whisker is within 1 % of the exact one. With no outlier on its side the whisker is
 * exactly min (max).</li>
 * <li>Each listed outlier is within 1 % of the duration it stands for; the most extreme ones are the
 * exact min and max.</li>
 * </ul>
 */
final class SketchBoxPlots {

    private SketchBoxPlots() {
    }

    /** The box of the sketch's durations in milliseconds, or null when the sketch is empty. */
    static BoxPlot of(String label, DurationSketch sketch, long minMicros, long maxMicros) {
        if (sketch.isEmpty()) {
            return null;
        }
        if (minMicros < 0 || minMicros > maxMicros) {
            throw new IllegalArgumentException("min " + minMicros + " µs and max " + maxMicros + " µs");
        }
        Clamp clamp = new Clamp(minMicros, maxMicros);
        double q1 = clamp.of(sketch.quantile(0.25));
        double median = clamp.of(sketch.quantile(0.5));
        double q3 = clamp.of(sketch.quantile(0.75));
        double iqr = q3 - q1;
        Tally tally = new Tally(q1 - 1.5 * iqr, q3 + 1.5 * iqr, q1, q3);
        sketch.forEachBin((lower, upper, value, count) -> tally.bin(clamp.of(value), count));
        // No outlier on a side: the whisker is the extreme duration, known exactly.
        double lowerWhisker = tally.lowCount == 0 ? minMicros : tally.lowerWhisker;
        double upperWhisker = tally.highCount == 0 ? maxMicros : tally.upperWhisker;
        return new BoxPlot(label, sketch.count(), ms(minMicros), ms(q1), ms(median), ms(q3), ms(maxMicros),
                ms(lowerWhisker), ms(upperWhisker), tally.outliers(minMicros, maxMicros),
                tally.lowCount + tally.highCount);
    }

    private record Clamp(long min, long max) {
        double of(double micros) {
            return Math.max(min, Math.min(max, micros));
        }
    }

    /** Walks the bins once, ascending, sorting them into low outliers, the whisker range and high outliers. */
    private static final class Tally {
        final double lowFence;
        final double highFence;
        // Replaced by the first and last bin inside the fences. There always is one (the bin of the
        // order statistic just above q1's rank), unless floating-point rounding squeezes the fences.
        double lowerWhisker;
        double upperWhisker;
        boolean insideSeen;
        long lowCount;
        long highCount;
        final List<Double> low = new ArrayList<>();
        final ArrayDeque<Double> high = new ArrayDeque<>();

        Tally(double lowFence, double highFence, double q1, double q3) {
            this.lowFence = lowFence;
            this.highFence = highFence;
            this.lowerWhisker = q1;
            this.upperWhisker = q3;
        }

        void bin(double value, long count) {
            if (value < lowFence) {
                lowCount += count;
                for (long i = 0; i < count && low.size() < BoxPlotReader.OUTLIERS_PER_SIDE; i++) {
                    low.add(value);
                }
            } else if (value > highFence) {
                highCount += count;
                // Only the most extreme are kept: the last ones of the ascending walk.
                for (long i = Math.min(count, BoxPlotReader.OUTLIERS_PER_SIDE); i > 0; i--) {
                    if (high.size() == BoxPlotReader.OUTLIERS_PER_SIDE) {
                        high.removeFirst();
                    }
                    high.addLast(value);
                }
            } else {
                if (!insideSeen) {
                    lowerWhisker = value;
                    insideSeen = true;
                }
                upperWhisker = value;
            }
        }

        /** Ascending, in milliseconds, with the exact min and max standing for the most extreme bins. */
        List<Double> outliers(long minMicros, long maxMicros) {
            List<Double> all = new ArrayList<>(low.size() + high.size());
            for (double v : low) {
                all.add(ms(v));
            }
            if (!low.isEmpty()) {
                all.set(0, ms(minMicros));
            }
            for (double v : high) {
                all.add(ms(v));
            }
            if (!high.isEmpty()) {
                all.set(all.size() - 1, ms(maxMicros));
            }
            return all;
        }
    }

    private static double ms(double micros) {
        return micros / 1_000.0;
    }
}
