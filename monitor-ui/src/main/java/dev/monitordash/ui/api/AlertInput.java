package dev.monitordash.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.alert.AlertRule;
import dev.monitordash.core.alert.Comparison;
import dev.monitordash.core.alert.Durations;
import dev.monitordash.core.alert.Metric;
import dev.monitordash.core.alert.Severity;
import dev.monitordash.core.alert.Silence;
import dev.monitordash.core.alert.Threshold;
import dev.monitordash.core.alert.notify.FieldException;
import dev.monitordash.core.alert.notify.Receiver;
import dev.monitordash.core.alert.notify.ReceiverKind;
import dev.monitordash.ui.http.HttpError;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Request bodies of the alert routes turned into core objects; every refusal is a 400 naming the field
 * (the core's {@link FieldException} names it too and is turned into the same answer by the routes).
 */
final class AlertInput {

    /** Settings of each receiver kind whose values are secrets: stored, never returned. */
    static final Map<ReceiverKind, String> SECRET_FIELD = Map.of(ReceiverKind.WEBHOOK, "signingKey",
            ReceiverKind.SLACK, "url", ReceiverKind.EMAIL, "password");

    private AlertInput() {
    }

    static AlertRule rule(JsonNode b, Long id) {
        Metric metric = choice(b, "metric", Metric::of, "one of " + ids(Metric.values(), m -> ((Metric) m).id()));
        String endpoints = metric.perEndpoint() ? optionalText(b, "endpoints").orElse("*") : "*";
        Comparison comparison = choice(b, "comparison", Comparison::of, "above or below");
        JsonNode t = b.get("threshold");
        if (t == null || t.isNull()) {
            throw HttpError.badRequest("'threshold' is required");
        }
        double threshold = t.isNumber() ? t.doubleValue() : Threshold.parse(metric, t.isTextual() ? t.textValue() : t.toString());
        Duration window = Durations.parse("window", optionalText(b, "window").orElse("5m"));
        Duration forDuration = Durations.parse("for", optionalText(b, "for").orElse("0"));
        Severity severity = choice(b, "severity", Severity::of, "info, warning or critical");
        return new AlertRule(id, optionalText(b, "name").orElse(null), metric, endpoints, comparison, threshold, window,
                forDuration, severity, stringMap(b, "labels"), stringList(b, "receivers"), bool(b, "enabled", true));
    }

    static Silence silence(JsonNode b, String user, Instant now) {
        Long ruleId = b.hasNonNull("ruleId") ? id(b, "ruleId") : null;
        Instant endsAt;
        if (b.hasNonNull("endsAt")) {
            try {
                endsAt = OffsetDateTime.parse(text(b, "endsAt")).toInstant();
            } catch (DateTimeException e) {
                throw HttpError.badRequest("'endsAt' must be a time such as 2026-05-01T18:00:00Z");
            }
        } else {
            endsAt = now.plus(Durations.parse("duration", optionalText(b, "duration").orElse(null)));
        }
        if (!endsAt.isAfter(now)) {
            throw HttpError.badRequest("'endsAt' must be in the future");
        }
        return new Silence(null, ruleId, stringMap(b, "matchers"), endsAt, optionalText(b, "comment").orElse(""), user, now);
    }

    /**
     * A receiver from its body: the kind's settings, and its secret under its own field name (signingKey,
     * url for Slack, password); a secret left out of an update keeps the stored one.
     */
    static Receiver receiver(JsonNode b, Long id, Optional<Receiver> stored) {
        ReceiverKind kind = choice(b, "kind", ReceiverKind::of, "webhook, slack or email");
        String secretField = SECRET_FIELD.get(kind);
        Map<String, String> settings = new LinkedHashMap<>();
        JsonNode s = b.get("settings");
        if (s != null && !s.isNull()) {
            if (!s.isObject()) {
                throw HttpError.badRequest("'settings' must be an object");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().equals(secretField)) {
                    continue;
                }
                if (!e.getValue().isValueNode()) {
                    throw HttpError.badRequest("'" + e.getKey() + "' must be a string");
                }
                settings.put(e.getKey(), e.getValue().asText());
            }
        }
        String secret = s != null && s.hasNonNull(secretField) ? s.get(secretField).asText() : null;
        if ((secret == null || secret.isBlank()) && stored.isPresent() && stored.get().kind() == kind) {
            secret = stored.get().secret();
        }
        return new Receiver(id, optionalText(b, "name").orElse(null), kind, settings, secret, bool(b, "enabled", true));
    }

    static long id(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            throw HttpError.badRequest("'" + field + "' is required");
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 1) {
            throw HttpError.badRequest("'" + field + "' must be a positive integer");
        }
        return v.longValue();
    }

    private static <T> T choice(JsonNode b, String field, Function<String, Optional<T>> of, String expects) {
        return of.apply(text(b, field)).orElseThrow(() -> new FieldException(field, "must be " + expects));
    }

    private static String text(JsonNode b, String field) {
        return optionalText(b, field).orElseThrow(() -> HttpError.badRequest("'" + field + "' is required"));
    }

    private static Optional<String> optionalText(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw HttpError.badRequest("'" + field + "' must be a string");
        }
        return Optional.of(v.textValue());
    }

    private static boolean bool(JsonNode b, String field, boolean otherwise) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) {
            return otherwise;
        }
        if (!v.isBoolean()) {
            throw HttpError.badRequest("'" + field + "' must be true or false");
        }
        return v.booleanValue();
    }

    private static Map<String, String> stringMap(JsonNode b, String field) {
        JsonNode v = b.get(field);
        Map<String, String> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw HttpError.badRequest("'" + field + "' must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw HttpError.badRequest("'" + field + "' must be an object of strings");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static List<String> stringList(JsonNode b, String field) {
        JsonNode v = b.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw HttpError.badRequest("'" + field + "' must be an array of strings");
        }
        for (JsonNode n : v) {
            if (!n.isTextual()) {
                throw HttpError.badRequest("'" + field + "' must be an array of strings");
            }
            out.add(n.textValue());
        }
        return out;
    }

    private static String ids(Object[] values, Function<Object, String> id) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add(id.apply(v));
        }
        return String.join(", ", out);
    }
}
