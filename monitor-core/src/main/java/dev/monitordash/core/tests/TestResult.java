package dev.monitordash.core.tests;

import java.util.Objects;

/**
 * One execution of one test. A test is named by its class and method ({@link #test()}); a repeated or
 * parameterized test has one result per invocation, told apart by {@link #key()}.
 *
 * @param key              what identifies the execution within its run (JUnit's unique id): a run posted
 *                         again, or in parts, stores each key once
 * @param className        the test class, fully qualified
 * @param methodName       the test method
 * @param displayName      what JUnit shows for it (a {@code @DisplayName}, parameters, "repetition 2 of 5")
 * @param outcome          passed, failed, skipped or aborted
 * @param durationMicros   the test method's execution time; 0 for a skipped test
 * @param repetition       1 for a plain test; the invocation's number for repeated and parameterized tests
 * @param startEpochMicros when it started, microseconds since the epoch
 */
public record TestResult(String key, String className, String methodName, String displayName, TestOutcome outcome,
        long durationMicros, int repetition, long startEpochMicros) {

    public TestResult {
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The test's name across runs and versions: {@code com.example.ShopTest#checkout}. */
    public String test() {
        return TestNames.of(className, methodName);
    }
}
