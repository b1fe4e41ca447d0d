package dev.monitordash.core.query;

import dev.monitordash.core.rollup.DurationSketch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sketch's box against the exact one ({@link BoxPlotReader#of}) on the same durations, checking the
 * bounds {@link SketchBoxPlots} documents.
 */
class SketchBoxPlotsTest {

    /** 1 %, plus floating-point rounding. */
    static final double TOLERANCE = DurationSketch.RELATIVE_ACCURACY * (1 + 1e-12);

    @ParameterizedTest(name = "n={0} sigma={1}")
    @CsvSource({"10000, 0.5", "10000, 1", "30000, 2", "50000, 1.2"})
    void largeLogNormalBoxesAreWithinTheDocumentedBounds(int n, double sigma) {
        long[] sorted = sorted(logNormal(n, 9, sigma, n));
        BoxPlot box = sketchBox(sorted);
        BoxPlot exact = BoxPlotReader.of("/e", sorted);
        assertWithinDocumentedBounds(sorted, box);
        // Few durations lie in the bands: the counts are close, not just bounded.
        assertTrue(Math.abs(box.outlierCount() - exact.outlierCount()) <= 0.02 * exact.outlierCount() + 2,
                box.outlierCount() + " outliers, exactly " + exact.outlierCount());
    }

    @Test
    void smallSamplesAreWithinTheDocumentedBounds() {
        SplittableRandom random = new SplittableRandom(29);
        long[] common = {0, 1, 2, 3, 10, 99, 100, 101, 1_000, 5_000, 1_000_000};
        for (int n = 1; n <= 12; n++) {
            for (int run = 0; run < 500; run++) {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    // Duplicates, zeros, neighbours within a bin, and spread values.
                    v[i] = random.nextBoolean() ? common[random.nextInt(common.length)]
                            : (long) Math.pow(10, random.nextDouble(0, 7));
                }
                assertWithinDocumentedBounds(sorted(v), sketchBox(sorted(v)));
            }
        }
    }

    @Test
    void aSingleDurationIsItsOwnBox() {
        for (long v : new long[] {0, 1, 7, 1_234, 999_999_937}) {
            BoxPlot box = sketchBox(new long[] {v});
            double ms = v / 1_000.0;
            assertEquals(new BoxPlot("/s", 1, ms, ms, ms, ms, ms, ms, ms, List.of(), 0), box);
        }
    }

    @Test
    void anEmptySketchHasNoBox() {
        assertNull(SketchBoxPlots.of("/s", new DurationSketch(), 0, 0));
    }

    @Test
    void withoutOutliersTheWhiskersAreTheExactMinimumAndMaximum() {
        long[] v = sorted(LongStream.rangeClosed(1_001, 1_400).toArray());
        BoxPlot box = sketchBox(v);
        assertEquals(0, box.outlierCount());
        assertEquals(1.001, box.lowerWhisker());
        assertEquals(1.400, box.upperWhisker());
    }

    @Test
    void outliersOnBothSidesAreListedAscendingWithTheExactExtremes() {
        long[] v = new long[1_005];
        for (int i = 0; i < 1_000; i++) {
            v[i] = 100_000 + i * 20; // 100 to 120 ms
        }
        v[1_000] = 1_000;
        v[1_001] = 1_003;
        v[1_002] = 1_007;
        v[1_003] = 5_000_000;
        v[1_004] = 5_000_123;
        BoxPlot box = sketchBox(sorted(v));
        assertEquals(5, box.outlierCount());
        List<Double> outliers = box.outliers();
        assertEquals(5, outliers.size());
        assertEquals(1.0, outliers.get(0));
        assertEquals(1.003, outliers.get(1), 0.01 * 1.003);
        assertEquals(1.007, outliers.get(2), 0.01 * 1.007);
        assertEquals(5_000.0, outliers.get(3), 0.01 * 5_000);
        assertEquals(5_000.123, outliers.get(4));
        assertEquals(100.0, box.lowerWhisker(), 0.01 * 100.0);
        assertEquals(119.98, box.upperWhisker(), 0.01 * 119.98);
    }

    @Test
    void outliersAreCappedPerSideKeepingTheMostExtreme() {
        // BoxPlotOfSortedTest's case: 120 high outliers, of which the 50 largest are listed.
        long[] v = new long[1_120];
        for (int i = 0; i < 1_000; i++) {
            v[i] = 1_000 + i % 10;
        }
        for (int i = 0; i < 120; i++) {
            v[1_000 + i] = 50_000 + i;
        }
        BoxPlot box = sketchBox(sorted(v));
        assertEquals(120, box.outlierCount());
        assertEquals(BoxPlotReader.OUTLIERS_PER_SIDE, box.outliers().size());
        assertEquals(50.070, box.outliers().get(0), 0.01 * 50.070);
        assertEquals(50.119, box.outliers().get(49));
        assertEquals(1.009, box.upperWhisker(), 0.01 * 1.009);
        assertEquals(1.000, box.lowerWhisker());
    }

    /** Every bound of {@link SketchBoxPlots}' class comment, on one set of durations. */
    static void assertWithinDocumentedBounds(long[] sorted, BoxPlot box) {
        BoxPlot exact = BoxPlotReader.of("/e", sorted);
        // Built only for a failure's message: this runs thousands of times.
        Supplier<String> where = () -> Arrays.toString(sorted.length <= 12 ? sorted : new long[0]) + " " + box
                + " vs " + exact;
        assertEquals(exact.count(), box.count(), where);
        assertEquals(exact.min(), box.min(), where);
        assertEquals(exact.max(), box.max(), where);
        assertWithinOnePercent(exact.q1(), box.q1(), () -> "q1 " + where.get());
        assertWithinOnePercent(exact.median(), box.median(), () -> "median " + where.get());
        assertWithinOnePercent(exact.q3(), box.q3(), () -> "q3 " + where.get());

        // In µs, as the durations.
        double q1 = exact.q1() * 1_000;
        double q3 = exact.q3() * 1_000;
        Bands bands = new Bands(q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1),
                0.01 * (2.5 * q1 + 1.5 * q3), 0.01 * (1.5 * q1 + 2.5 * q3));
        long inBands = Arrays.stream(sorted).filter(bands::nearAFence).count();
        assertTrue(Math.abs(box.outlierCount() - exact.outlierCount()) <= inBands,
                () -> box.outlierCount() + " outliers, exactly " + exact.outlierCount() + ", " + inBands
                        + " in the bands " + where.get());

        // The exact whisker is one of these durations too.
        long pastLowBand = Arrays.stream(sorted).filter(x -> x > bands.low && !bands.nearLow(x)).min().orElse(-1);
        long pastHighBand = Arrays.stream(sorted).filter(x -> x < bands.high && !bands.nearHigh(x)).max().orElse(-1);
        long exactLower = Math.round(exact.lowerWhisker() * 1_000);
        long exactUpper = Math.round(exact.upperWhisker() * 1_000);
        assertTrue(bands.nearLow(exactLower) || exactLower == pastLowBand, () -> "exact lower " + where.get());
        assertTrue(bands.nearHigh(exactUpper) || exactUpper == pastHighBand, () -> "exact upper " + where.get());
        assertTrue(standsFor(box.lowerWhisker(), sorted, x -> bands.nearLow(x) || x == pastLowBand),
                () -> "lower whisker " + where.get());
        assertTrue(standsFor(box.upperWhisker(), sorted, x -> bands.nearHigh(x) || x == pastHighBand),
                () -> "upper whisker " + where.get());
        if (inBands == 0) {
            assertWithinOnePercent(exact.lowerWhisker(), box.lowerWhisker(), () -> "lower whisker " + where.get());
            assertWithinOnePercent(exact.upperWhisker(), box.upperWhisker(), () -> "upper whisker " + where.get());
            assertEquals(exact.outlierCount(), box.outlierCount(), where);
        }

        List<Double> outliers = box.outliers();
        for (int i = 0; i < outliers.size(); i++) {
            double outlier = outliers.get(i);
            assertTrue(i == 0 || outliers.get(i - 1) <= outlier, () -> "ascending " + where.get());
            assertTrue(standsFor(outlier, sorted, x -> x < bands.low || x > bands.high || bands.nearAFence(x)),
                    () -> "outlier " + outlier + " " + where.get());
        }
        boolean lowOutliers = !outliers.isEmpty() && outliers.get(0) < box.lowerWhisker();
        boolean highOutliers = !outliers.isEmpty() && outliers.get(outliers.size() - 1) > box.upperWhisker();
        assertEquals(box.min(), lowOutliers ? outliers.get(0) : box.lowerWhisker(), where);
        assertEquals(box.max(), highOutliers ? outliers.get(outliers.size() - 1) : box.upperWhisker(), where);
        assertTrue(outliers.size() <= 2 * BoxPlotReader.OUTLIERS_PER_SIDE && outliers.size() <= box.outlierCount());
    }

    /** The exact fences and how far the sketch's may be from them. */
    record Bands(double low, double high, double epsLow, double epsHigh) {
        boolean nearLow(double x) {
            return Math.abs(x - low) <= TOLERANCE * x + epsLow * (1 + 1e-12);
        }

        boolean nearHigh(double x) {
            return Math.abs(x - high) <= TOLERANCE * x + epsHigh * (1 + 1e-12);
        }

        boolean nearAFence(long x) {
            return nearLow(x) || nearHigh(x);
        }
    }

    /** Whether {@code ms} is within 1 % of a duration of {@code sorted} (µs) that {@code allowed} accepts. */
    static boolean standsFor(double ms, long[] sorted, java.util.function.LongPredicate allowed) {
        double micros = ms * 1_000;
        for (long x : sorted) {
            if (Math.abs(micros - x) <= TOLERANCE * x + 1e-9 && allowed.test(x)) {
                return true;
            }
        }
        return false;
    }

    static void assertWithinOnePercent(double exact, double actual, Supplier<String> what) {
        assertTrue(Math.abs(actual - exact) <= TOLERANCE * exact + 1e-12,
                () -> what.get() + ": " + actual + " vs " + exact);
    }

    static BoxPlot sketchBox(long[] sorted) {
        DurationSketch sketch = new DurationSketch();
        for (long v : sorted) {
            sketch.add(v);
        }
        return SketchBoxPlots.of("/s", sketch, sorted[0], sorted[sorted.length - 1]);
    }

    static long[] sorted(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s;
    }

    static long[] logNormal(int n, double mu, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                    * Math.cos(2 * Math.PI * random.nextDouble());
            v[i] = Math.round(Math.exp(mu + sigma * gaussian));
        }
        return v;
    }
}
