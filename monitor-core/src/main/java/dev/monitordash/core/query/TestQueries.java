package dev.monitordash.core.query;

import dev.monitordash.core.stats.MannWhitney;

import java.time.Instant;
import java.util.List;

/**
 * The Tests page's questions over stored test runs (docs/testing.md). Durations are those of passed
 * executions only: a failing test often stops early, or hangs on a timeout, and would blur its times.
 * Times in milliseconds.
 */
public interface TestQueries {

    /** The false discovery rate of a comparison of every test between two versions. */
    double ALPHA = 0.05;


    /** A version with test runs. */
    record TestVersion(String version, int runs, Instant firstRun, Instant lastRun) {
    }

    /** Executions of a version's runs by outcome. */
    record VersionOutcomes(String version, int runs, long passed, long failed, long skipped, long aborted) {
    }

    /** One test's passed executions in one version. */
    record SlowTest(String test, long executions, double medianMs, double meanMs, double maxMs) {
    }

    /** One box per version the test passed in, oldest version first. */
    record TestBoxes(String test, List<BoxPlot> versions) {
    }

    /**
     * A test's change between two versions.
     *
     * @param q           the p-value adjusted for testing every test at once (Benjamini-Hochberg)
     * @param significant q below {@link #ALPHA}, and the median changed by at least 10 % the same way
     */
    record TestChange(String test, int executionsBefore, int executionsAfter, double medianBefore,
            double medianAfter, MannWhitney.Result mannWhitney, double q, boolean significant) {
    }

    /**
     * Every test with passed executions in both versions, compared.
     *
     * @param slower significantly slower, largest effect first
     * @param faster significantly faster, largest effect first
     */
    record Comparison(String before, String after, int compared, List<TestChange> slower, List<TestChange> faster) {
    }

    /** The tests whose requests reached one endpoint. */
    record EndpointTests(String endpoint, int tests, long requests, List<TestHit> hits) {
    }

    /** One test's requests to one endpoint, over the versions it made them in. */
    record TestHit(String test, long requests, double meanMs, List<String> versions) {
    }

    /** Versions with runs, oldest first run first. */
    List<TestVersion> versions();

    /** Per version, oldest first. */
    List<VersionOutcomes> outcomes();

    /** The tests of a version by mean duration, slowest first, at most {@code limit}. */
    List<SlowTest> slowest(String version, int limit);

    /** Names of stored tests, in name order, at most {@code limit}. */
    List<String> tests(int limit);

    /** The test's box plots per version; no boxes for a test never passed or unknown. */
    TestBoxes boxes(String test);

    /** The Mann-Whitney U test per test between two versions, as the report compares endpoints. */
    Comparison compare(String before, String after);

    /** Per endpoint with test requests, by name: its tests by requests, at most {@code perEndpoint}. */
    List<EndpointTests> endpoints(int perEndpoint);
}
