package dev.monitordash.core.report;

import dev.monitordash.core.rollup.DurationSketch;
import dev.monitordash.core.stats.MannWhitney;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TailTestTest {

    static DurationSketch sketch(long... countThenMicros) {
        DurationSketch s = new DurationSketch();
        for (int i = 0; i < countThenMicros.length; i += 2) {
            for (long k = 0; k < countThenMicros[i]; k++) {
                s.add(countThenMicros[i + 1]);
            }
        }
        return s;
    }

    @Test
    void countsTheRequestsAboveThePooledQuantileAndComparesTheShares() {
        DurationSketch before = sketch(90, 10_000, 10, 50_000);
        DurationSketch after = sketch(70, 10_000, 30, 100_000);

        TailTest.Result r = TailTest.test(before, after, 0.8);

        // Pooled: 160 × 10 ms, 10 × 50 ms, 30 × 100 ms; its 0.8-quantile lies between 10 and 50 ms.
        assertEquals(10, r.aboveFirst());
        assertEquals(30, r.aboveSecond());
        double se = Math.sqrt(0.2 * 0.8 * (2 / 100.0));
        assertEquals((0.3 - 0.1 - 0.5 * 2 / 100.0) / se, r.z(), 1e-9);
        assertEquals(2 * MannWhitney.upperTail(r.z()), r.p(), 1e-12);
        assertTrue(r.p() < 0.001);
    }

    @Test
    void aShiftOfTheCentreOnlyLeavesTheTailTestQuiet() {
        // Same slowest tenth, the rest 20 % slower: p90's exceedances do not move.
        DurationSketch before = sketch(900, 10_000, 100, 200_000);
        DurationSketch after = sketch(900, 12_000, 100, 200_000);

        assertEquals(1.0, TailTest.test(before, after, 0.9).p(), 1e-12);
    }

    @Test
    void appliesFromTenRequestsExpectedAboveTheQuantileOnEachSide() {
        assertTrue(TailTest.applies(100, 5_000, 0.9));
        assertFalse(TailTest.applies(99, 5_000, 0.9));
        assertTrue(TailTest.applies(1_000, 1_000, 0.99));
        assertFalse(TailTest.applies(999, 100_000, 0.99));
    }

    @Test
    void withinStrataADifferentMixOfStrataIsNoChange() {
        // Busy stratum 2× slower on both sides; the second side has most of its requests in it.
        DurationSketch quietBefore = sketch(800, 10_000, 100, 30_000);
        DurationSketch busyBefore = sketch(200, 20_000, 25, 60_000);
        DurationSketch quietAfter = sketch(200, 10_000, 25, 30_000);
        DurationSketch busyAfter = sketch(800, 20_000, 100, 60_000);
        DurationSketch allBefore = new DurationSketch();
        allBefore.merge(quietBefore);
        allBefore.merge(busyBefore);
        DurationSketch allAfter = new DurationSketch();
        allAfter.merge(quietAfter);
        allAfter.merge(busyAfter);

        assertTrue(TailTest.test(allBefore, allAfter, 0.3).p() < 1e-6, "pooled, the mix looks like a change");
        TailTest.Result within = TailTest.stratified(List.of(new TailTest.Stratum(quietBefore, quietAfter),
                new TailTest.Stratum(busyBefore, busyAfter)), 0.3);
        assertTrue(within.p() > 0.5, "p = " + within.p());
    }

    @Test
    void strataWithOneSideEmptyAreLeftOut() {
        TailTest.Result r = TailTest.stratified(List.of(new TailTest.Stratum(sketch(10, 1_000), new DurationSketch())),
                0.5);
        assertEquals(1.0, r.p());
    }
}
