package dev.monitordash.core.alert;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The rules a new user starts with (the example app adds them; any application can with
 * {@link Alerting#addReadyMadeRules()}): the case study's 500 ms and error-rate alerts, the server-resource
 * thesis's 80 % thresholds, and the version report's rank test run on its own.
 */
public final class ReadyMadeRules {

    private ReadyMadeRules() {
    }

    public static List<AlertRule> all() {
        Duration five = Duration.ofMinutes(5);
        Duration ten = Duration.ofMinutes(10);
        return List.of(
                rule("Endpoint p95 above 500 ms", Metric.P95, Comparison.ABOVE, 500, five, five, Severity.WARNING),
                rule("Error rate above 5 %", Metric.ERROR_RATE, Comparison.ABOVE, 5, five, five, Severity.CRITICAL),
                rule("Host CPU above 80 %", Metric.CPU, Comparison.ABOVE, 80, ten, ten, Severity.WARNING),
                rule("Host memory above 80 %", Metric.MEMORY, Comparison.ABOVE, 80, ten, ten, Severity.WARNING),
                // Significant by the rank test and at least 20 % slower in the median: a few percent can be
                // significant with enough requests (a different mix of users) without anyone caring.
                rule("New version made an endpoint slower", Metric.VERSION_SLOWDOWN, Comparison.ABOVE, 20, five,
                        Duration.ZERO, Severity.WARNING));
    }

    private static AlertRule rule(String name, Metric metric, Comparison comparison, double threshold,
            Duration window, Duration forDuration, Severity severity) {
        return new AlertRule(null, name, metric, "*", comparison, threshold, window, forDuration, severity,
                Map.of("source", "ready-made"), List.of(), true);
    }
}
