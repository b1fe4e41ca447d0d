package dev.monitordash.ui.api;

import dev.monitordash.core.alert.Alert;
import dev.monitordash.core.alert.AlertRule;
import dev.monitordash.core.alert.Comparison;
import dev.monitordash.core.alert.Durations;
import dev.monitordash.core.alert.Metric;
import dev.monitordash.core.alert.Severity;
import dev.monitordash.core.alert.Silence;
import dev.monitordash.core.alert.Threshold;
import dev.monitordash.core.alert.notify.NotificationRecord;
import dev.monitordash.core.alert.notify.Receiver;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the alert routes (docs/api.md#alerts); times as ISO-8601 UTC strings. */
final class AlertViews {

    private AlertViews() {
    }

    record RuleView(long id, String name, String metric, String unit, String endpoints, String comparison,
            double threshold, String thresholdText, String window, String forDuration, String severity,
            Map<String, String> labels, List<String> receivers, boolean enabled, String condition) {
    }

    record MetricView(String id, String unit, String source, String description) {
    }

    record RulesView(List<RuleView> rules, List<MetricView> metrics, List<String> comparisons, List<String> severities) {
    }

    record AlertView(long ruleId, String rule, String severity, String series, String state, String value,
            String activeSince, String firedAt, String resolvedAt, String notifiedAt, String owner) {
    }

    record SilenceView(long id, Long ruleId, String rule, Map<String, String> matchers, String endsAt, boolean active,
            String comment, String createdBy, String createdAt) {
    }

    /** A receiver without its secret: only whether one is stored. */
    record ReceiverView(long id, String name, String kind, Map<String, String> settings, boolean hasSecret,
            String secretField, boolean enabled) {
    }

    record NotificationView(long id, String at, String receiver, Long ruleId, String rule, String kind, int alerts,
            String outcome, int attempt, String error, String summary) {
    }

    static RuleView rule(AlertRule r) {
        return new RuleView(r.id(), r.name(), r.metric().id(), r.metric().unit().symbol(), r.endpoints(),
                r.comparison().id(), r.threshold(), Threshold.format(r.threshold(), r.metric().unit()),
                Durations.format(r.window()), Durations.format(r.forDuration()), r.severity().id(), r.labels(),
                r.receivers(), r.enabled(), r.condition());
    }

    static RulesView rules(List<AlertRule> rules) {
        return new RulesView(rules.stream().map(AlertViews::rule).toList(),
                Arrays.stream(Metric.values()).map(m -> new MetricView(m.id(), m.unit().symbol(),
                        m.source().name().toLowerCase(java.util.Locale.ROOT), m.description())).toList(),
                Arrays.stream(Comparison.values()).map(Comparison::id).toList(),
                Arrays.stream(Severity.values()).map(Severity::id).toList());
    }

    static List<AlertView> alerts(List<Alert> alerts, List<AlertRule> rules) {
        Map<Long, AlertRule> byId = new LinkedHashMap<>();
        rules.forEach(r -> byId.put(r.id(), r));
        return alerts.stream().filter(a -> byId.containsKey(a.ruleId())).map(a -> {
            AlertRule r = byId.get(a.ruleId());
            return new AlertView(a.ruleId(), r.name(), r.severity().id(), a.series(), a.state().id(),
                    Threshold.format(a.value(), r.metric().unit()), time(a.activeSince()), time(a.firedAt()),
                    time(a.resolvedAt()), time(a.notifiedAt()), a.owner());
        }).toList();
    }

    static List<SilenceView> silences(List<Silence> silences, List<AlertRule> rules, Instant now) {
        Map<Long, String> names = new LinkedHashMap<>();
        rules.forEach(r -> names.put(r.id(), r.name()));
        return silences.stream().map(s -> new SilenceView(s.id(), s.ruleId(), s.ruleId() == null ? null : names.get(s.ruleId()),
                s.matchers(), time(s.endsAt()), s.activeAt(now), s.comment(), s.createdBy(), time(s.createdAt()))).toList();
    }

    static ReceiverView receiver(Receiver r) {
        return new ReceiverView(r.id(), r.name(), r.kind().id(), r.settings(), r.secret() != null,
                AlertInput.SECRET_FIELD.get(r.kind()), r.enabled());
    }

    static List<NotificationView> history(List<NotificationRecord> records) {
        return records.stream().map(n -> new NotificationView(n.id(), time(n.at()), n.receiver(), n.ruleId(), n.rule(),
                n.kind(), n.alerts(), n.outcome(), n.attempt(), n.error(), n.summary())).toList();
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    /** The status with its times as text. */
    static Map<String, Object> status(Map<String, Object> status) {
        Map<String, Object> out = new LinkedHashMap<>();
        status.forEach((k, v) -> out.put(k, v instanceof Instant i ? i.toString() : v));
        return out;
    }
}
