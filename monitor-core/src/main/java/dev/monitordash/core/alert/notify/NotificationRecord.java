package dev.monitordash.core.alert.notify;

import java.time.Instant;

/**
 * One entry of the notification history: a message sent, or an attempt that failed.
 *
 * @param kind    firing, resolved or test
 * @param alerts  how many alerts the message grouped
 * @param outcome sent or failed
 * @param attempt 1 for the first try of a message, counting up with each retry
 */
public record NotificationRecord(long id, Instant at, String receiver, Long ruleId, String rule, String kind,
        int alerts, String outcome, int attempt, String error, String summary) {
}
