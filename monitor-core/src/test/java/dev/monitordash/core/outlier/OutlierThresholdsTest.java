package dev.monitordash.core.outlier;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OutlierThresholdsTest {

    @Test
    void noThresholdUntilTheMinimumNumberOfRequests() {
        OutlierThresholds t = new OutlierThresholds(2.5, 3);
        assertEquals(OutlierThresholds.NONE, t.thresholdNanos("/a"));
        t.observe("/a", 100);
        t.observe("/a", 200);
        assertEquals(OutlierThresholds.NONE, t.thresholdNanos("/a"));
        t.observe("/a", 300);
        assertEquals(500, t.thresholdNanos("/a")); // mean 200 × 2.5
    }

    @Test
    void thresholdFollowsTheRunningMeanTimesTheConstant() {
        OutlierThresholds t = new OutlierThresholds(2.0, 1);
        t.observe("/a", 1_000_000);
        assertEquals(2_000_000, t.thresholdNanos("/a"));
        t.observe("/a", 3_000_000);
        assertEquals(4_000_000, t.thresholdNanos("/a"));
        t.observe("/b", 10);
        assertEquals(20, t.thresholdNanos("/b"));
        assertEquals(4_000_000, t.thresholdNanos("/a"));
    }

    @Test
    void storedTotalsCountTowardsTheMeanAndTheMinimum() {
        OutlierThresholds t = new OutlierThresholds(2.5, 10);
        t.load("/a", 9, 9 * 4_000L);
        assertEquals(OutlierThresholds.NONE, t.thresholdNanos("/a"));
        t.observe("/a", 14_000);
        assertEquals(12_500, t.thresholdNanos("/a")); // (36 000 + 14 000) / 10 × 2.5
        t.load("/b", 0, 0);
        assertEquals(OutlierThresholds.NONE, t.thresholdNanos("/b"));
    }

    @Test
    void zeroDurationsStillGiveAPositiveThreshold() {
        OutlierThresholds t = new OutlierThresholds(2.5, 1);
        t.observe("/a", 0);
        assertEquals(1, t.thresholdNanos("/a"));
        t.observe("/a", -5); // a clock that went back counts as zero
        assertEquals(1, t.thresholdNanos("/a"));
    }

    @Test
    void thresholdNeverFallsBelowTheFloor() {
        OutlierThresholds t = new OutlierThresholds(2.5, 1, 10_000_000);
        t.observe("/fast", 100_000); // 0.1 ms: 2.5 × mean would be 0.25 ms
        assertEquals(10_000_000, t.thresholdNanos("/fast"));
        t.observe("/slow", 40_000_000);
        t.observe("/slow", 40_000_000);
        assertEquals(100_000_000, t.thresholdNanos("/slow"));
    }

    @Test
    void refusesAConstantOfOneOrLess() {
        assertThrows(IllegalArgumentException.class, () -> new OutlierThresholds(1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> new OutlierThresholds(2.5, 0));
    }
}
