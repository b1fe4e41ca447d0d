package dev.monitordash.junit;

import dev.monitordash.core.json.JsonText;
import dev.monitordash.core.store.EpochMicros;
import dev.monitordash.core.tests.TestResult;
import dev.monitordash.core.tests.TestRun;

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
        return EpochMicros.toInstant(epochMicros).toString();
    }

    static void string(StringBuilder sb, String s) {
        JsonText.string(sb, s);
    }
}
