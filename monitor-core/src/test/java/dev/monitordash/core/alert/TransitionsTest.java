package dev.monitordash.core.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TransitionsTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private static AlertRule rule(Duration forDuration) {
        return new AlertRule(7L, "slow", Metric.P95, "*", Comparison.ABOVE, 500, Duration.ofMinutes(5), forDuration,
                Severity.WARNING, Map.of(), List.of(), true);
    }

    @Test
    void goesPendingThenFiringOnlyAfterTheConditionHeldForItsDuration() {
        AlertRule r = rule(Duration.ofMinutes(5));
        Alert a = Transitions.next(null, r, "/a", "*", 800.0, T0);
        assertEquals(AlertState.PENDING, a.state());
        a = Transitions.next(a, r, "/a", "*", 900.0, T0.plusSeconds(299));
        assertEquals(AlertState.PENDING, a.state());
        assertEquals(T0, a.activeSince());
        a = Transitions.next(a, r, "/a", "*", 900.0, T0.plusSeconds(300));
        assertEquals(AlertState.FIRING, a.state());
        assertEquals(T0.plusSeconds(300), a.firedAt());
    }

    @Test
    void pendingAlertWhoseConditionStopsHoldingBecomesInactiveWithoutFiring() {
        AlertRule r = rule(Duration.ofMinutes(5));
        Alert a = Transitions.next(null, r, "/a", "*", 800.0, T0);
        assertNull(Transitions.next(a, r, "/a", "*", 100.0, T0.plusSeconds(60)));
        assertNull(Transitions.next(a, r, "/a", "*", null, T0.plusSeconds(60)), "no data: the condition does not hold");
    }

    @Test
    void firingAlertResolvesAndStaysVisibleForAWhileThenEnds() {
        AlertRule r = rule(Duration.ZERO);
        Alert a = Transitions.next(null, r, "/a", "*", 800.0, T0);
        assertEquals(AlertState.FIRING, a.state(), "for 0 fires at once");
        a = Transitions.next(a, r, "/a", "*", 100.0, T0.plusSeconds(30));
        assertEquals(AlertState.RESOLVED, a.state());
        assertEquals(T0.plusSeconds(30), a.resolvedAt());
        assertEquals(a, Transitions.next(a, r, "/a", "*", 100.0, T0.plusSeconds(60)));
        assertNull(Transitions.next(a, r, "/a", "*", 100.0, T0.plusSeconds(30).plus(Transitions.RESOLVED_KEPT)));
    }

    @Test
    void resolvedAlertWhoseConditionHoldsAgainStartsOverAsPending() {
        AlertRule r = rule(Duration.ofMinutes(1));
        Alert resolved = new Alert(7, "/a", AlertState.RESOLVED, 100, T0, T0, T0.plusSeconds(10), T0, "*");
        Alert a = Transitions.next(resolved, r, "/a", "*", 700.0, T0.plusSeconds(20));
        assertEquals(AlertState.PENDING, a.state());
        assertEquals(T0.plusSeconds(20), a.activeSince());
        assertNull(a.notifiedAt());
    }

    @Test
    void belowComparisonFiresWhenTheValueDropsUnderTheThreshold() {
        AlertRule quiet = new AlertRule(8L, "quiet", Metric.REQUEST_RATE, "/a", Comparison.BELOW, 1, Duration.ofMinutes(5),
                Duration.ZERO, Severity.INFO, Map.of(), List.of(), true);
        assertEquals(AlertState.FIRING, Transitions.next(null, quiet, "/a", "*", 0.0, T0).state());
        assertNull(Transitions.next(null, quiet, "/a", "*", 3.0, T0));
    }
}
