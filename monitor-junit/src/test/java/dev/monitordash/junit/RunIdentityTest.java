package dev.monitordash.junit;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunIdentityTest {

    static ReportSettings settings(Map<String, String> parameters, Map<String, String> env) {
        return ReportSettings.of(k -> Optional.ofNullable(parameters.get(k)), env);
    }

    @Test
    void theRunIdIsTheCiBuildsSoForksAndRetriesOfOneBuildAddUpToOneRun() {
        Map<String, String> none = Map.of();
        assertEquals("github-4711-2", RunIdentity.runId(settings(none, none),
                Map.of("GITHUB_RUN_ID", "4711", "GITHUB_RUN_ATTEMPT", "2")));
        assertEquals("gitlab-99", RunIdentity.runId(settings(none, none), Map.of("CI_PIPELINE_ID", "99")));
        assertEquals("jenkins-shop-pipeline-main-12", RunIdentity.runId(settings(none, none),
                Map.of("BUILD_TAG", "jenkins-shop pipeline-main-12")), "characters a run id cannot hold become -");
        assertEquals("mine", RunIdentity.runId(settings(Map.of(ReportSettings.RUN_ID, "mine"), none),
                Map.of("GITHUB_RUN_ID", "4711")), "configured wins");
        assertTrue(RunIdentity.runId(settings(none, none), none).startsWith("local-"));
    }

    @Test
    void aConfiguredVersionWinsAndTheEnvironmentFillsEveryKey() {
        ReportSettings s = settings(Map.of(ReportSettings.VERSION, "2.1.0"),
                Map.of("MONITORDASH_TESTS_TOKEN", "mdt_x", "MONITORDASH_TESTS_URL", "https://ci.example.com/dashboard/"));
        assertEquals("2.1.0", RunIdentity.version(s, Map.of("GIT_COMMIT", "0123456789abcdef")));
        assertEquals("https://ci.example.com/dashboard", s.url.toString());
        assertEquals("mdt_x", s.token);
        assertTrue(s.delivers());
    }

    @Test
    void badSettingsNameTheirKeyAndTurnOnlyTheirDeliveryOff() {
        ReportSettings s = settings(Map.of(ReportSettings.URL, "ftp://x", ReportSettings.TIMEOUT, "0",
                ReportSettings.ENABLED, "maybe"), Map.of());
        assertEquals(3, s.problems.size(), s.problems.toString());
        assertTrue(s.problems.get(1).startsWith("monitordash.tests.url must be the dashboard's http(s) URL"));
        assertTrue(s.enabled);
        assertEquals(ReportSettings.DEFAULT_TIMEOUT, s.timeout);
        assertEquals(false, s.delivers());
        assertEquals(false, settings(Map.of(ReportSettings.ENABLED, "false", ReportSettings.DATABASE, "jdbc:sqlite:x.db"),
                Map.of()).delivers());
    }

    @Test
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        StringBuilder sb = new StringBuilder();
        ResultsJson.string(sb, "a\"b\\c\nd\u0001e\u2028");
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001e\\u2028\"", sb.toString());
        assertEquals("2026-12-05T06:00:00.000123Z", ResultsJson.time(1_796_450_400_000_123L));
    }

    @Test
    void theRepetitionIsTheInvocationNumberOfATemplate() {
        assertEquals(3, RunCollector.repetition("[engine:junit-jupiter]/[class:a.T]/[test-template:r()]/[test-template-invocation:#3]"));
        assertEquals(1, RunCollector.repetition("[engine:junit-jupiter]/[class:a.T]/[method:r()]"));
    }
}
