package dev.monitordash.core.tests;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What one test run may hold, checked alike by the store and the HTTP API (docs/testing.md#limits). The
 * bounds keep one careless post (a parameterized test whose display name prints a whole document) from
 * costing the store more than it is worth; the JUnit extension {@link #truncate truncates} names before it
 * sends them, so its own deliveries always fit.
 */
public final class TestLimits {

    /** A run id: letters, digits and {@code . _ : / @ + -}, as CI systems' build ids are. */
    public static final int RUN_ID_LENGTH = 128;
    public static final int VERSION_LENGTH = 100;
    /** Class and method names; a longer one is no Java name anyone wrote by hand. */
    public static final int NAME_LENGTH = 1_000;
    /** Display names: JUnit's own default cuts each parameter at 512 characters. */
    public static final int DISPLAY_NAME_LENGTH = 1_000;
    /** JUnit's unique id of an execution: engine, class, method, invocation. */
    public static final int KEY_LENGTH = 2_000;
    /** Results in one delivery; a larger run is sent in parts ({@link TestRun}). */
    public static final int RESULTS_PER_RUN = 50_000;
    /** A week: a test that ran longer is a clock gone wrong. */
    public static final long MAX_DURATION_MICROS = 7L * 24 * 3_600 * 1_000_000;

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9._:/@+-]+");

    private TestLimits() {
    }

    static void check(TestRun run) {
        text("runId", run.runId(), RUN_ID_LENGTH);
        if (!RUN_ID.matcher(run.runId()).matches()) {
            throw new InvalidTestRunException("runId", "may hold only letters, digits and . _ : / @ + -");
        }
        text("version", run.version(), VERSION_LENGTH);
        if (run.startEpochMicros() <= 0) {
            throw new InvalidTestRunException("startedAt", "must be a time after 1970");
        }
        List<TestResult> results = run.results();
        if (results.size() > RESULTS_PER_RUN) {
            throw new InvalidTestRunException("results", "holds " + results.size() + " results, more than "
                    + RESULTS_PER_RUN + " in one delivery: send the run in parts with the same runId");
        }
        for (int i = 0; i < results.size(); i++) {
            check("results[" + i + "].", results.get(i));
        }
    }

    private static void check(String at, TestResult r) {
        text(at + "key", r.key(), KEY_LENGTH);
        text(at + "className", r.className(), NAME_LENGTH);
        text(at + "methodName", r.methodName(), NAME_LENGTH);
        if (r.className().indexOf('#') >= 0 || r.methodName().indexOf('#') >= 0) {
            throw new InvalidTestRunException(at + (r.className().indexOf('#') >= 0 ? "className" : "methodName"),
                    "may not contain #");
        }
        text(at + "displayName", r.displayName(), DISPLAY_NAME_LENGTH);
        if (r.durationMicros() < 0 || r.durationMicros() > MAX_DURATION_MICROS) {
            throw new InvalidTestRunException(at + "durationMicros", "must be 0 to " + MAX_DURATION_MICROS
                    + " (a week), was " + r.durationMicros());
        }
        if (r.repetition() < 1) {
            throw new InvalidTestRunException(at + "repetition", "must be at least 1, was " + r.repetition());
        }
        if (r.startEpochMicros() <= 0) {
            throw new InvalidTestRunException(at + "startedAt", "must be a time after 1970");
        }
    }

    private static void text(String field, String value, int limit) {
        if (value == null || value.isBlank()) {
            throw new InvalidTestRunException(field, "is required");
        }
        if (value.length() > limit) {
            throw new InvalidTestRunException(field, "is " + value.length() + " characters long, more than the "
                    + limit + " allowed");
        }
    }

    /** The text cut to {@code limit} characters, its end marked with an ellipsis when cut. */
    public static String truncate(String text, int limit) {
        if (text == null || text.length() <= limit) {
            return text;
        }
        int end = limit - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        return text.substring(0, end) + '…';
    }
}
