package dev.monitordash.core.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * Prometheus's state machine for one alert: inactive → pending (the condition holds) → firing (it has held
 * for the rule's {@code for}) → resolved (it stopped holding) → inactive. A pending alert whose condition
 * stops holding goes back to inactive without a message. No value (no requests in the window for a latency)
 * counts as the condition not holding.
 */
final class Transitions {

    /** How long a resolved alert stays visible before it becomes inactive (Prometheus keeps 15 minutes). */
    static final Duration RESOLVED_KEPT = Duration.ofMinutes(15);

    private Transitions() {
    }

    /**
     * @param before the alert's state before (null: inactive)
     * @param value  the metric's value now; null: no data
     * @return the state after; null: inactive
     */
    static Alert next(Alert before, AlertRule rule, String series, String owner, Double value, Instant now) {
        boolean holds = value != null && rule.comparison().holds(value, rule.threshold());
        double v = value == null ? Double.NaN : value;
        if (before == null || before.state() == AlertState.RESOLVED) {
            if (holds) {
                Alert pending = new Alert(rule.id(), series, AlertState.PENDING, v, now, null, null, null, owner);
                return rule.forDuration().isZero() ? pending.with(AlertState.FIRING, v, now, null) : pending;
            }
            if (before != null && before.resolvedAt().plus(RESOLVED_KEPT).isAfter(now)) {
                return before;
            }
            return null;
        }
        if (before.state() == AlertState.PENDING) {
            if (!holds) {
                return null;
            }
            boolean heldLongEnough = !before.activeSince().plus(rule.forDuration()).isAfter(now);
            return heldLongEnough ? before.with(AlertState.FIRING, v, now, null) : before.with(AlertState.PENDING, v, null, null);
        }
        // firing
        return holds ? before.with(AlertState.FIRING, v, before.firedAt(), null)
                : before.with(AlertState.RESOLVED, value == null ? before.value() : v, before.firedAt(), now);
    }
}
