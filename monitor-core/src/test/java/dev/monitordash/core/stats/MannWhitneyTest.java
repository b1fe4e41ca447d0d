package dev.monitordash.core.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Against an independent implementation: the expected values are SciPy 1.17's
 * {@code scipy.stats.mannwhitneyu(second, first, method="asymptotic")} (continuity correction on), whose
 * statistic is U of its first argument.
 */
class MannWhitneyTest {

    @Test
    void matchesSciPyOnASmallSampleWithoutTies() {
        MannWhitney.Result r = MannWhitney.test(new long[] {19, 22, 16, 29, 24}, new long[] {20, 11, 17, 12});

        assertEquals(3.0, r.u());
        assertEquals(0.11134688653314041, r.p(), 1e-6);
        assertEquals(2 * 3.0 / 20 - 1, r.effect(), 1e-12);
    }

    @Test
    void matchesSciPyWithManyTies() {
        MannWhitney.Result r = MannWhitney.test(new long[] {1, 2, 2, 3, 3, 3, 4, 4, 5, 5, 5, 5},
                new long[] {3, 4, 4, 5, 5, 6, 6, 6, 7, 7});

        assertEquals(98.5, r.u());
        assertEquals(0.010773974978402195, r.p(), 1e-6);
        assertTrue(r.effect() > 0, "the second sample is larger: slower");
    }

    @Test
    void matchesSciPyOnOverlappingSamplesThatDoNotDiffer() {
        long[] x = {4779, 3500, 3736, 4588, 3313, 4102, 4334, 1900, 1222, 2200, 2140, 4494, 4650, 1021, 2999, 4284,
            1525, 4188, 1476, 2871, 4265, 2212, 2366, 2113, 3877, 2019, 4961, 2780, 2912, 3018, 3330, 3213, 3037,
            4982, 4230, 4170, 3801, 3488, 2364, 4955};
        long[] y = {3358, 2304, 4949, 2072, 5001, 3972, 1881, 1584, 3267, 1549, 1994, 3562, 5475, 3358, 4795, 5252,
            4858, 4042, 3253, 3559, 2518, 3486, 2993, 2439, 5571, 1449, 1808, 2208, 5469, 4306, 5103, 2242, 4428,
            2952, 3453};

        MannWhitney.Result r = MannWhitney.test(x, y);

        assertEquals(748.0, r.u());
        assertEquals(0.6139465107010276, r.p(), 1e-6);
    }

    @Test
    void isSymmetricInTheOrderOfTheSamplesExceptForTheSignOfTheEffect() {
        long[] a = {1, 5, 9, 13, 20};
        long[] b = {30, 31, 40, 41, 50, 2};
        MannWhitney.Result ab = MannWhitney.test(a, b);
        MannWhitney.Result ba = MannWhitney.test(b, a);

        assertEquals(ab.p(), ba.p(), 1e-15);
        assertEquals(ab.effect(), -ba.effect(), 1e-15);
        assertEquals(5 * 6, ab.u() + ba.u(), 1e-12);
    }

    @Test
    void identicalValuesEverywhereAreNoEvidenceOfAChange() {
        MannWhitney.Result r = MannWhitney.test(new long[] {7, 7, 7}, new long[] {7, 7});
        assertEquals(1.0, r.p());
        assertEquals(0.0, r.effect());
    }

    @Test
    void completelySeparatedSamplesAreSignificant() {
        long[] fast = new long[30];
        long[] slow = new long[30];
        for (int i = 0; i < 30; i++) {
            fast[i] = 1_000 + i;
            slow[i] = 2_000 + i;
        }
        MannWhitney.Result r = MannWhitney.test(fast, slow);
        assertEquals(1.0, r.effect());
        assertTrue(r.p() < 1e-9, "p = " + r.p());
    }

    @Test
    void erfcMatchesKnownValues() {
        assertEquals(1.0, MannWhitney.erfc(0), 1e-7);
        assertEquals(0.157299207050285, MannWhitney.erfc(1), 1e-7 * 0.16);
        assertEquals(1.842700792949715, MannWhitney.erfc(-1), 1e-7);
        assertEquals(0.025, MannWhitney.upperTail(1.959963984540054), 1e-8);
    }

    @Test
    void refusesAnEmptySample() {
        assertThrows(IllegalArgumentException.class, () -> MannWhitney.test(new long[0], new long[] {1}));
    }

    @Test
    void onSketchesEveryValueCountsAtItsBinAndMatchesTheTestOfTheValuesWhenBinsAreApart() {
        long[] first = {1_000, 3_000, 9_000, 27_000, 81_000};
        long[] second = {2_000, 6_000, 18_000, 54_000, 162_000, 486_000};
        dev.monitordash.core.rollup.DurationSketch a = new dev.monitordash.core.rollup.DurationSketch();
        dev.monitordash.core.rollup.DurationSketch b = new dev.monitordash.core.rollup.DurationSketch();
        for (long v : first) {
            a.add(v);
        }
        for (long v : second) {
            b.add(v);
        }

        MannWhitney.Result values = MannWhitney.test(first, second);
        MannWhitney.Result sketches = MannWhitney.test(a, b);

        assertEquals(values.u(), sketches.u(), 1e-9);
        assertEquals(values.p(), sketches.p(), 1e-12);
        assertEquals(values.effect(), sketches.effect(), 1e-12);
    }

    @Test
    void onSketchesValuesOfOneBinTie() {
        dev.monitordash.core.rollup.DurationSketch a = new dev.monitordash.core.rollup.DurationSketch();
        dev.monitordash.core.rollup.DurationSketch b = new dev.monitordash.core.rollup.DurationSketch();
        // 10 000 and 10 001 µs share a 2 % bin: the sketches hold identical values.
        for (int i = 0; i < 50; i++) {
            a.add(10_000);
            b.add(10_001);
        }
        MannWhitney.Result r = MannWhitney.test(a, b);
        assertEquals(1.0, r.p());
        assertEquals(0.0, r.effect(), 1e-12);
    }
}
