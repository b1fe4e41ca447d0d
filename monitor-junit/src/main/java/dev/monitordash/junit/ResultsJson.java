package dev.monitordash.junit;

import dev.monitordash.core.tests.TestResult;
import dev.monitordash.core.tests.TestRun;

import java.time.Instant;

/**
 * A run as the body of {@code POST api/tests/results} (docs/api.md#test-results). Written by hand: the
 * shape is flat and fixed, and a JSON library would be one more jar on every project's test class path,
 * possibly clashing with the version the project uses itself.
 */
final class ResultsJson {

    private ResultsJson() {
    }

    static String of(TestRun run) {
        StringBuilder sb = new StringBuilder(256 + run.results().size() * 220);
        sb.append("{\"runId\":");
        string(sb, run.runId());
        sb.append(",\"version\":");
        string(sb, run.version());
        sb.append(",\"startedAt\":");
        string(sb, time(run.startEpochMicros()));
        sb.append(",\"results\":[");
        boolean first = true;
        for (TestResult r : run.results()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            sb.append("{\"key\":");
            string(sb, r.key());
            sb.append(",\"className\":");
            string(sb, r.className());
            sb.append(",\"methodName\":");
            string(sb, r.methodName());
            sb.append(",\"displayName\":");
            string(sb, r.displayName());
            sb.append(",\"outcome\":");
            string(sb, r.outcome().id());
            sb.append(",\"durationMicros\":").append(r.durationMicros());
            sb.append(",\"repetition\":").append(r.repetition());
            sb.append(",\"startedAt\":");
            string(sb, time(r.startEpochMicros()));
            sb.append('}');
        }
        return sb.append("]}").toString();
    }

    static String time(long epochMicros) {
        return Instant.ofEpochSecond(Math.floorDiv(epochMicros, 1_000_000L),
                Math.floorMod(epochMicros, 1_000_000L) * 1_000L).toString();
    }

    /** A JSON string: quotes, backslashes and every control character escaped (RFC 8259, section 7). */
    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
