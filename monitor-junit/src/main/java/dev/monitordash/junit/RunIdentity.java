package dev.monitordash.junit;

import dev.monitordash.core.config.ConfigLoader;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.tests.TestLimits;
import dev.monitordash.core.version.VersionDetector;
import dev.monitordash.core.version.VersionInfo;

import java.util.Map;
import java.util.UUID;

/**
 * The run id and version a run is reported under. The run id comes from the configuration, else from the
 * CI system's build (so that the forks and jobs of one build add up to one run, and a retried post is
 * recognized), else is new per JVM. The version is the one the monitor would tag the application's
 * requests with (the same {@link VersionDetector}: build-info, git.properties, manifest, git), so tests and
 * requests of one version line up on the dashboard; a CI commit variable only when that finds none.
 */
final class RunIdentity {

    /** CI commit variables, in order: Jenkins, GitHub Actions, GitLab, CircleCI, Bitbucket. */
    static final String[] COMMIT_VARIABLES = {"GIT_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA", "CIRCLE_SHA1",
        "BITBUCKET_COMMIT"};
    /** Abbreviated as the monitor's git detection names a commit without a tag. */
    static final int SHORT_COMMIT = 7;

    private RunIdentity() {
    }

    static String runId(ReportSettings settings, Map<String, String> env) {
        String id = settings.runId;
        if (id == null && env.get("GITHUB_RUN_ID") != null) {
            id = "github-" + env.get("GITHUB_RUN_ID") + "-" + env.getOrDefault("GITHUB_RUN_ATTEMPT", "1");
        }
        if (id == null && env.get("CI_PIPELINE_ID") != null) {
            id = "gitlab-" + env.get("CI_PIPELINE_ID");
        }
        if (id == null && env.get("BUILD_TAG") != null) {
            id = env.get("BUILD_TAG"); // Jenkins: jenkins-<job>-<number>
        }
        if (id == null && env.get("CIRCLE_WORKFLOW_ID") != null) {
            id = "circle-" + env.get("CIRCLE_WORKFLOW_ID");
        }
        if (id == null) {
            id = "local-" + UUID.randomUUID();
        }
        return TestLimits.truncate(id.replaceAll("[^A-Za-z0-9._:/@+-]", "-"), TestLimits.RUN_ID_LENGTH)
                .replace('…', '-');
    }

    static String version(ReportSettings settings, Map<String, String> env) {
        if (settings.version != null) {
            return TestLimits.truncate(settings.version, TestLimits.VERSION_LENGTH);
        }
        VersionInfo detected = VersionDetector.detect(monitorConfig());
        if (!VersionInfo.UNKNOWN.equals(detected.name())) {
            return detected.name();
        }
        for (String variable : COMMIT_VARIABLES) {
            String commit = env.get(variable);
            if (commit != null && !commit.isBlank()) {
                String c = commit.strip();
                return c.length() > SHORT_COMMIT && c.matches("[0-9a-fA-F]+") ? c.substring(0, SHORT_COMMIT) : c;
            }
        }
        return VersionInfo.UNKNOWN;
    }

    // The application's own MonitorDash configuration (monitordash.properties, MONITORDASH_*, -D), for its
    // monitordash.version and monitordash.git.dir; one that does not load is the application's tests' concern.
    private static MonitorConfig monitorConfig() {
        try {
            return ConfigLoader.load();
        } catch (RuntimeException e) {
            return MonitorConfig.builder().build();
        }
    }
}
