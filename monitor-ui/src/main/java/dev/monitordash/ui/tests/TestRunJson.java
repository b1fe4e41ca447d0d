package dev.monitordash.ui.tests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.tests.TestOutcome;
import dev.monitordash.core.tests.TestResult;
import dev.monitordash.core.tests.TestRun;
import dev.monitordash.ui.http.HttpError;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A posted test run from JSON (docs/api.md#test-results): every missing or mistyped field is a 400 that
 * names it, e.g. {@code results[17].outcome}. Fields this version does not know are ignored, so a newer
 * extension can post to an older dashboard.
 */
final class TestRunJson {

    private TestRunJson() {
    }

    static TestRun parse(JsonNode body) {
        String runId = text(body, "runId", "runId");
        String version = text(body, "version", "version");
        long started = time(body, "startedAt", "startedAt");
        JsonNode results = body.get("results");
        if (results == null || !results.isArray()) {
            throw field("results", "is required: an array of test results");
        }
        List<TestResult> out = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            JsonNode r = results.get(i);
            String at = "results[" + i + "]";
            if (!r.isObject()) {
                throw field(at, "must be an object");
            }
            String outcome = text(r, "outcome", at + ".outcome");
            out.add(new TestResult(text(r, "key", at + ".key"), text(r, "className", at + ".className"),
                    text(r, "methodName", at + ".methodName"), text(r, "displayName", at + ".displayName"),
                    TestOutcome.of(outcome).orElseThrow(() -> field(at + ".outcome",
                            "must be passed, failed, skipped or aborted, was " + quoted(outcome))),
                    whole(r, "durationMicros", at + ".durationMicros", 0),
                    (int) whole(r, "repetition", at + ".repetition", 1),
                    time(r, "startedAt", at + ".startedAt")));
        }
        return new TestRun(runId, version, started, out);
    }

    private static String text(JsonNode node, String name, String path) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw field(path, "is required");
        }
        if (!v.isTextual()) {
            throw field(path, "must be a string");
        }
        return v.textValue();
    }

    /** A whole number; {@code fallback} when the field is absent, for optional ones (-1: required). */
    private static long whole(JsonNode node, String name, String path, long fallback) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()
                || (name.equals("repetition") && !v.canConvertToInt())) {
            throw field(path, "must be a whole number");
        }
        return v.longValue();
    }

    /** An ISO-8601 instant ({@code 2026-12-05T06:00:00.123456Z}), as epoch microseconds. */
    private static long time(JsonNode node, String name, String path) {
        String text = text(node, name, path);
        try {
            Instant t = Instant.parse(text);
            return Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1_000;
        } catch (DateTimeParseException | ArithmeticException e) {
            throw field(path, "must be an ISO-8601 time such as 2026-12-05T06:00:00Z, was " + quoted(text));
        }
    }

    private static String quoted(String value) {
        String cut = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return "\"" + cut + "\"";
    }

    static HttpError field(String path, String problem) {
        return HttpError.badRequest(path + " " + problem);
    }
}
