package dev.monitordash.core.alert;

import dev.monitordash.core.alert.notify.FieldException;

import java.time.Instant;
import java.util.Map;

/**
 * Mutes notifications (never evaluation) until {@code endsAt}: of one rule, or of every alert carrying the
 * matcher labels, or both. Alerts keep their states; one still firing when the silence ends is notified then.
 *
 * @param ruleId   the muted rule; null: any rule
 * @param matchers labels an alert must all carry (its rule's labels plus {@code rule}, {@code series},
 *                 {@code severity}); empty with a rule: all of that rule's alerts
 */
public record Silence(Long id, Long ruleId, Map<String, String> matchers, Instant endsAt, String comment,
        String createdBy, Instant createdAt) {

    public Silence {
        matchers = Labels.check("matchers", matchers == null ? Map.of() : matchers);
        if (ruleId == null && matchers.isEmpty()) {
            throw new FieldException("matchers", "or 'ruleId' is required: a silence without either would mute everything");
        }
        if (endsAt == null) {
            throw new FieldException("endsAt", "is required");
        }
        comment = comment == null ? "" : comment.strip();
        if (comment.length() > 500 || comment.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw new FieldException("comment", "must be at most 500 characters");
        }
    }

    public boolean activeAt(Instant now) {
        return endsAt.isAfter(now);
    }

    boolean mutes(long rule, Map<String, String> alertLabels) {
        return (ruleId == null || ruleId == rule) && Labels.matches(matchers, alertLabels);
    }
}
