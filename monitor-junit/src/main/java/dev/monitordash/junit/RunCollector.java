package dev.monitordash.junit;

import dev.monitordash.core.tests.TestLimits;
import dev.monitordash.core.tests.TestOutcome;
import dev.monitordash.core.tests.TestResult;
import dev.monitordash.core.tests.TestRun;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The results of one JVM's test run, kept in the root context's store and delivered when JUnit closes that
 * store at the end of the run. Tests may run in parallel: everything here is safe for concurrent tests.
 * Delivery never throws: a failure is one warning on standard error, and the build goes on.
 */
final class RunCollector implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    /** Results per post or transaction; a suite of 12 000 tests goes in three parts of one run. */
    static final int PART = 5_000;
    static final String PREFIX = "[MonitorDash] ";
    private static final Pattern INVOCATION = Pattern.compile("#(\\d+)\\]$");

    private final ReportSettings settings;
    private final Map<String, String> environment;
    private final long startMicros = nowMicros();
    private final Queue<TestResult> results = new ConcurrentLinkedQueue<>();
    /** By unique id: start of the test method (epoch µs) and its nanoTime; then its duration (µs). */
    private final Map<String, long[]> running = new ConcurrentHashMap<>();
    private final Map<String, long[]> timed = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    RunCollector(ReportSettings settings, Map<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    void started(ExtensionContext test) {
        running.put(test.getUniqueId(), new long[] {nowMicros(), System.nanoTime()});
    }

    void executed(ExtensionContext test) {
        long[] start = running.remove(test.getUniqueId());
        if (start != null) {
            timed.put(test.getUniqueId(), new long[] {start[0], (System.nanoTime() - start[1] + 500) / 1_000});
        }
    }

    void finished(ExtensionContext test, TestOutcome outcome) {
        String id = test.getUniqueId();
        long[] time = timed.remove(id);
        running.remove(id);
        String method = test.getTestMethod().map(java.lang.reflect.Method::getName).orElse(null);
        if (method == null) {
            return; // a container: its tests report themselves
        }
        results.add(new TestResult(TestLimits.truncate(id, TestLimits.KEY_LENGTH),
                TestLimits.truncate(test.getRequiredTestClass().getName(), TestLimits.NAME_LENGTH),
                TestLimits.truncate(method, TestLimits.NAME_LENGTH),
                TestLimits.truncate(display(test.getDisplayName()), TestLimits.DISPLAY_NAME_LENGTH), outcome,
                time == null || outcome == TestOutcome.SKIPPED ? 0 : Math.min(time[1], TestLimits.MAX_DURATION_MICROS),
                repetition(id), time == null ? nowMicros() : time[0]));
    }

    private static String display(String name) {
        return name == null || name.isBlank() ? "(no name)" : name;
    }

    /** The invocation number of a repeated or parameterized test ({@code …/[test-template-invocation:#3]}). */
    static int repetition(String uniqueId) {
        Matcher m = INVOCATION.matcher(uniqueId);
        if (m.find()) {
            try {
                return Math.max(1, Integer.parseInt(m.group(1)));
            } catch (NumberFormatException e) {
                return 1;
            }
        }
        return 1;
    }

    /** JUnit closes the root store once the run is over: deliver. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            deliverAll();
        } catch (RuntimeException | LinkageError e) {
            warn("could not report the test run: " + e + ". The build goes on.");
        }
    }

    private void deliverAll() {
        List<TestResult> all = new ArrayList<>(results);
        if (!settings.problems.isEmpty()) {
            warn("test reporting is misconfigured: " + String.join("; ", settings.problems));
        }
        if (!settings.enabled || all.isEmpty()) {
            return;
        }
        if (!settings.delivers()) {
            if (settings.problems.isEmpty()) {
                info(all.size() + " test results not reported: set " + ReportSettings.URL + " and "
                        + ReportSettings.TOKEN + ", or " + ReportSettings.DATABASE + " (docs/testing.md)");
            }
            return;
        }
        String runId = RunIdentity.runId(settings, environment);
        String version = RunIdentity.version(settings, environment);
        List<TestRun> parts = new ArrayList<>();
        for (int i = 0; i < all.size(); i += PART) {
            parts.add(new TestRun(runId, version, startMicros, all.subList(i, Math.min(all.size(), i + PART))));
        }
        List<Delivery> deliveries = new ArrayList<>();
        if (settings.database != null) {
            deliveries.add(new StoreDelivery(settings));
        }
        if (settings.url != null && settings.token != null) {
            deliveries.add(new HttpDelivery(settings));
        }
        for (Delivery d : deliveries) {
            try {
                Delivery.Outcome o = d.deliver(parts);
                info(o.sent() + " test results of run " + runId + " (version " + version + ") reported to "
                        + d.target() + (o.stored() == o.sent() ? "" : " (" + (o.sent() - o.stored())
                        + " had been reported before)"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                warn("reporting run " + runId + " to " + d.target() + " was interrupted. The build goes on.");
            } catch (Exception e) {
                warn("could not report " + all.size() + " test results of run " + runId + " (version " + version
                        + ") to " + d.target() + ": " + describe(e) + ". The build goes on.");
            }
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static void info(String line) {
        PrintStream out = System.out;
        out.println(PREFIX + line);
    }

    private static void warn(String line) {
        PrintStream err = System.err;
        err.println(PREFIX + "WARNING: " + line);
    }

    private static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
