package dev.monitordash.core.alert.notify;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One notification: the alerts of one rule that fired, fire again (repeat) or resolved in one evaluation,
 * grouped into one message (ten endpoints firing together make one message, not ten).
 *
 * @param status    {@code firing} when any alert in it fires, else {@code resolved}; {@code test} for a test
 * @param condition e.g. {@code p95 above 500ms for 5m}
 */
public record Message(String status, long ruleId, String rule, String condition, String severity,
        Map<String, String> labels, List<Item> alerts, Instant at, String service, String instance) {

    /**
     * One alert in a message.
     *
     * @param value the metric's value with its unit, e.g. {@code 812ms}
     */
    public record Item(String series, String status, String value, Instant activeSince, Instant firedAt,
            Instant resolvedAt) {
    }

    public Message {
        labels = Map.copyOf(labels);
        alerts = List.copyOf(alerts);
    }

    /** E.g. {@code [FIRING 3] p95 too slow}. */
    public String title() {
        long firing = alerts.stream().filter(a -> a.status().equals("firing")).count();
        return switch (status) {
            case "firing" -> "[FIRING " + firing + "] " + rule;
            case "resolved" -> "[RESOLVED] " + rule;
            default -> "[TEST] " + rule;
        };
    }

    /** Plain text for e-mail and Slack: title, condition, one line per alert. */
    public String text() {
        StringBuilder sb = new StringBuilder(title()).append('\n');
        sb.append(condition).append(" · severity ").append(severity).append(" · ").append(service).append('\n');
        for (Item a : alerts) {
            sb.append("- ").append(a.status().toUpperCase(java.util.Locale.ROOT)).append(' ').append(a.series())
                    .append(": ").append(a.value());
            if (a.firedAt() != null) {
                sb.append(", firing since ").append(a.firedAt());
            }
            if (a.resolvedAt() != null) {
                sb.append(", resolved at ").append(a.resolvedAt());
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
