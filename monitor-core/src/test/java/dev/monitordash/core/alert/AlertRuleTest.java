package dev.monitordash.core.alert;

import dev.monitordash.core.alert.notify.FieldException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertRuleTest {

    private static AlertRule rule(Metric m, double threshold, Duration window, Duration forDuration,
            Map<String, String> labels) {
        return new AlertRule(null, "r", m, "/api/*", Comparison.ABOVE, threshold, window, forDuration, Severity.WARNING,
                labels, List.of(), true);
    }

    @Test
    void thresholdsAreReadInTheMetricsUnitOrACompatibleOne() {
        assertEquals(500, Threshold.parse(Metric.P95, "500ms"));
        assertEquals(500, Threshold.parse(Metric.P95, "0.5s"));
        assertEquals(500, Threshold.parse(Metric.P95, "500"));
        assertEquals(5, Threshold.parse(Metric.ERROR_RATE, "5%"));
        assertEquals(60, Threshold.parse(Metric.REQUEST_RATE, "1/s"));
        assertEquals(200, Threshold.parse(Metric.THREADS, "200"));
    }

    @Test
    void thresholdOfTheWrongUnitIsRefusedNamingTheField() {
        FieldException e = assertThrows(FieldException.class, () -> Threshold.parse(Metric.CPU, "500ms"));
        assertEquals("threshold", e.field());
        assertTrue(e.getMessage().contains("percent"), e.getMessage());
        assertEquals("threshold", assertThrows(FieldException.class, () -> Threshold.parse(Metric.P95, "-3")).field());
        assertEquals("threshold", assertThrows(FieldException.class,
                () -> rule(Metric.CPU, 180, Duration.ofMinutes(5), Duration.ZERO, Map.of())).field());
    }

    @Test
    void negativeOrOversizedWindowsAndDurationsAreRefusedNamingTheField() {
        assertEquals("window", assertThrows(FieldException.class,
                () -> rule(Metric.P95, 1, Duration.ofMinutes(-5), Duration.ZERO, Map.of())).field());
        assertEquals("window", assertThrows(FieldException.class,
                () -> rule(Metric.P95, 1, Duration.ofHours(2), Duration.ZERO, Map.of())).field());
        assertEquals("for", assertThrows(FieldException.class,
                () -> rule(Metric.P95, 1, Duration.ofMinutes(5), Duration.ofSeconds(-1), Map.of())).field());
        assertEquals("window", assertThrows(FieldException.class, () -> Durations.parse("window", "5 parsecs")).field());
    }

    @Test
    void labelNamesMustBeIdentifiers() {
        assertEquals("labels", assertThrows(FieldException.class,
                () -> rule(Metric.P95, 1, Duration.ofMinutes(5), Duration.ZERO, Map.of("team-x", "a"))).field());
        assertEquals(Map.of("team", "shop"),
                rule(Metric.P95, 1, Duration.ofMinutes(5), Duration.ZERO, Map.of("team", "shop")).labels());
    }

    @Test
    void resourceRulesApplyToTheHostNotToEndpoints() {
        assertEquals("*", rule(Metric.CPU, 80, Duration.ofMinutes(5), Duration.ZERO, Map.of()).endpoints());
    }

    @Test
    void endpointPatternsMatchWithStarsAndQuoteEverythingElse() {
        assertTrue(new EndpointPattern("*").matches("/any/thing"));
        assertTrue(new EndpointPattern("/api/*").matches("/api/orders/{id}"));
        assertTrue(!new EndpointPattern("/api/*").matches("/shop/api/x"));
        assertTrue(new EndpointPattern("GET /a.b").matches("GET /a.b"));
        assertTrue(!new EndpointPattern("GET /a.b").matches("GET /axb"));
    }
}
