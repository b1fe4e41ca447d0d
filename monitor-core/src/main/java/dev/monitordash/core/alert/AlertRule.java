package dev.monitordash.core.alert;

import dev.monitordash.core.alert.notify.FieldException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A condition that raises alerts: the metric of the matching endpoints (or of the host) compared with a
 * threshold over a window, holding for {@code forDuration} before it fires. Checked when built: every
 * refusal names the field, as the JSON API reports it.
 *
 * @param id          stored id; null before the rule is saved
 * @param endpoints   for request and version metrics: an endpoint name, or a pattern where {@code *} matches
 *                    anything ({@code *} alone: every endpoint, each its own alert); {@code *} for resources
 * @param threshold   in the metric's {@link Unit}
 * @param window      how far back a request metric looks (1 minute to 1 hour); resources are read as they are
 * @param forDuration how long the condition must hold before the alert fires (0: at once)
 * @param receivers   names of the receivers notified; empty: all of them
 */
public record AlertRule(Long id, String name, Metric metric, String endpoints, Comparison comparison,
        double threshold, Duration window, Duration forDuration, Severity severity, Map<String, String> labels,
        List<String> receivers, boolean enabled) {

    static final Duration MIN_WINDOW = Duration.ofMinutes(1);
    /** Request metrics read the raw rows of the window (docs/alerts.md#windows): an hour bounds that read. */
    static final Duration MAX_WINDOW = Duration.ofHours(1);
    static final Duration MAX_FOR = Duration.ofDays(1);
    static final int MAX_NAME = 100;
    static final int MAX_PATTERN = 1_000;
    private static final Pattern RECEIVER_NAME = Pattern.compile("[\\w .@-]{1,100}");

    public AlertRule {
        if (name == null || name.isBlank() || name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw new FieldException("name", "must be 1 to " + MAX_NAME + " characters on one line");
        }
        name = name.strip();
        if (metric == null) {
            throw new FieldException("metric", "is required");
        }
        if (!metric.perEndpoint()) {
            endpoints = "*";
        } else if (endpoints == null || endpoints.isBlank() || endpoints.length() > MAX_PATTERN
                || endpoints.chars().anyMatch(Character::isISOControl)) {
            throw new FieldException("endpoints", "must be an endpoint name or a pattern with * (\"*\": every endpoint)"
                    + " of at most " + MAX_PATTERN + " characters");
        }
        if (comparison == null) {
            throw new FieldException("comparison", "must be above or below");
        }
        if (!Double.isFinite(threshold) || threshold < 0) {
            throw new FieldException("threshold", "must be a number ≥ 0 in " + unitName(metric.unit()));
        }
        if (metric.unit() == Unit.PERCENT && metric != Metric.VERSION_SLOWDOWN && threshold > 100) {
            throw new FieldException("threshold", "is a percentage: at most 100%, was " + threshold);
        }
        if (window == null || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new FieldException("window", "must be from 1m to 1h");
        }
        if (forDuration == null || forDuration.isNegative() || forDuration.compareTo(MAX_FOR) > 0) {
            throw new FieldException("for", "must be from 0 to 24h");
        }
        if (severity == null) {
            throw new FieldException("severity", "must be info, warning or critical");
        }
        labels = Labels.check("labels", labels == null ? Map.of() : labels);
        receivers = receivers == null ? List.of() : List.copyOf(receivers);
        for (String r : receivers) {
            if (r == null || !RECEIVER_NAME.matcher(r).matches()) {
                throw new FieldException("receivers", "must be receiver names");
            }
        }
    }

    /** The same rule with a stored id. */
    public AlertRule withId(long newId) {
        return new AlertRule(newId, name, metric, endpoints, comparison, threshold, window, forDuration, severity,
                labels, receivers, enabled);
    }

    /** E.g. {@code p95 above 500ms for 5m}. */
    public String condition() {
        return metric.id() + " " + comparison.id() + " " + Threshold.format(threshold, metric.unit())
                + (forDuration.isZero() ? "" : " for " + Durations.format(forDuration));
    }

    static String unitName(Unit unit) {
        return switch (unit) {
            case MILLISECONDS -> "milliseconds (e.g. 500ms or 0.5s)";
            case PERCENT -> "percent (e.g. 5%)";
            case PER_MINUTE -> "per minute (e.g. 10/min or 1/s)";
            case COUNT -> "a plain number";
        };
    }
}
