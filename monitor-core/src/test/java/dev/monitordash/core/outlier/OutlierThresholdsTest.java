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

    @Test
    void percentileRuleIsThePercentileOfTheLatestDurationsSetOncePerBatch() {
        OutlierThresholds t = OutlierThresholds.percentile(90, 10, 5, 0);
        for (int i = 1; i <= 4; i++) {
            t.observe("/a", i * 1_000L);
        }
        t.endBatch();
        assertEquals(OutlierThresholds.NONE, t.thresholdNanos("/a"), "fewer than min-requests");
        for (int i = 5; i <= 10; i++) {
            t.observe("/a", i * 1_000L);
        }
        assertEquals(OutlierThresholds.NONE, t.thresholdNanos("/a"), "not before the batch ends");
        t.endBatch();
        assertEquals(9_100, t.thresholdNanos("/a")); // R-7 p90 of 1..10 µs: 9 + 0.1 × (10 − 9)
        // The window slides: the ten latest are 11..20 µs; 1..10 no longer count.
        for (int i = 11; i <= 20; i++) {
            t.observe("/a", i * 1_000L);
        }
        t.endBatch();
        assertEquals(19_100, t.thresholdNanos("/a"));
    }

    @Test
    void percentileRuleSurvivesARestartFromTheStoredLatestDurationsAndKeepsTheFloor() {
        OutlierThresholds t = OutlierThresholds.percentile(50, 4, 3, 2_500);
        t.load("/a", 100, 100 * 9_000L); // totals give the count for min-requests
        t.loadRecent("/a", new long[] {1_000, 2_000, 3_000, 4_000, 5_000}); // oldest first: 1 000 falls out
        t.endBatch();
        assertEquals(3_500, t.thresholdNanos("/a"), "the median of 2, 3, 4, 5 µs, not the mean rule");
        t.loadRecent("/fast", new long[] {10, 20, 30});
        t.load("/fast", 3, 60);
        t.endBatch();
        assertEquals(2_500, t.thresholdNanos("/fast"), "never below the floor");
        assertThrows(IllegalArgumentException.class, () -> OutlierThresholds.percentile(100, 10, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> OutlierThresholds.percentile(99, 0, 1, 0));
    }

    @Test
    void recentDurationsKeepTheLatestNInAGrowingRing() {
        RecentDurations r = new RecentDurations(40);
        for (long i = 0; i < 100; i++) {
            r.add(100 - i);
        }
        assertEquals(40, r.size());
        long[] sorted = r.sorted();
        assertEquals(1, sorted[0]);
        assertEquals(40, sorted[39]);
    }
}
