package dev.monitordash.core.tests;

import java.util.List;

/**
 * The results of one test run (one CI build, one {@code mvn test}), or one part of it: a run too large for
 * one delivery arrives in several parts with the same run id, and the store merges them.
 *
 * @param runId            chosen by the client, the same for every part and every retry of the run
 * @param version          the version of the application under test
 * @param startEpochMicros when the run started, microseconds since the epoch
 * @param results          the part's test executions
 */
public record TestRun(String runId, String version, long startEpochMicros, List<TestResult> results) {

    public TestRun {
        results = List.copyOf(results);
    }

    /**
     * This run checked against {@link TestLimits}.
     *
     * @throws InvalidTestRunException naming the first field out of bounds
     */
    public TestRun validated() {
        TestLimits.check(this);
        return this;
    }
}
