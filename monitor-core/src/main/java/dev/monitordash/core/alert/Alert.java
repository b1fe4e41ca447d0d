package dev.monitordash.core.alert;

import java.time.Instant;

/**
 * One alert: a rule and one of its series (an endpoint, or an instance's host), in a state.
 *
 * @param value       the metric's value at the last evaluation, in the rule's unit
 * @param activeSince when the condition started to hold
 * @param firedAt     when it fired; null while pending
 * @param resolvedAt  when it stopped holding after firing; null before
 * @param notifiedAt  when a firing message for it was last handed to the receivers; null: never (silenced)
 * @param owner       who evaluates it: {@link #ANY_INSTANCE} for request rules (the lease holder), else an instance
 */
public record Alert(long ruleId, String series, AlertState state, double value, Instant activeSince,
        Instant firedAt, Instant resolvedAt, Instant notifiedAt, String owner) {

    public static final String ANY_INSTANCE = "*";

    Alert with(AlertState newState, double newValue, Instant newFiredAt, Instant newResolvedAt) {
        return new Alert(ruleId, series, newState, newValue, activeSince, newFiredAt, newResolvedAt, notifiedAt, owner);
    }

    Alert notified(Instant at) {
        return new Alert(ruleId, series, state, value, activeSince, firedAt, resolvedAt, at, owner);
    }
}
