package dev.monitordash.core.query;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Box plots now come from rollup sketches: count, min, max and the number of outliers stay exact, every
 * other value is within the sketch's 1 % relative bound of the exact one (see SketchBoxPlots).
 */
final class SketchAssertions {

    /** The sketch's relative accuracy, as documented in docs/dashboard.md. */
    static final double BOUND = 0.01;

    private SketchAssertions() {
    }

    static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= BOUND * Math.abs(expected) + 1e-9,
                what + ": expected " + expected + " within 1 %, was " + actual);
    }

    static void assertBoxClose(BoxPlot expected, BoxPlot actual) {
        assertEquals(expected.label(), actual.label());
        assertEquals(expected.count(), actual.count(), "count");
        assertEquals(expected.min(), actual.min(), 1e-9, "min");
        assertEquals(expected.max(), actual.max(), 1e-9, "max");
        assertEquals(expected.outlierCount(), actual.outlierCount(), "outlier count");
        assertClose(expected.q1(), actual.q1(), "q1");
        assertClose(expected.median(), actual.median(), "median");
        assertClose(expected.q3(), actual.q3(), "q3");
        assertClose(expected.lowerWhisker(), actual.lowerWhisker(), "lower whisker");
        assertClose(expected.upperWhisker(), actual.upperWhisker(), "upper whisker");
        List<Double> e = expected.outliers();
        List<Double> a = actual.outliers();
        assertEquals(e.size(), a.size(), "listed outliers " + a);
        for (int i = 0; i < e.size(); i++) {
            assertClose(e.get(i), a.get(i), "outlier " + i);
        }
    }
}
