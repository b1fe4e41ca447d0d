package dev.monitordash.core.alert;

import java.util.Locale;

/**
 * Prometheus's alert states. An alert whose condition does not hold is inactive and has no stored row;
 * pending while the condition holds for less than the rule's {@code for}; firing after; resolved once it
 * stops holding (kept for {@link Transitions#RESOLVED_KEPT} so the page shows what just ended).
 */
public enum AlertState {
    PENDING, FIRING, RESOLVED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AlertState of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
