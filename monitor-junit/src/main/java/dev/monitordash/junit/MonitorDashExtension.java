package dev.monitordash.junit;

import dev.monitordash.core.tests.RunningTests;
import dev.monitordash.core.tests.TestNames;
import dev.monitordash.core.tests.TestOutcome;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import java.util.Optional;

/**
 * Times every test and reports the run to MonitorDash (docs/testing.md): class, method, display name,
 * outcome, duration of the test method and repetition, under the application's version and a run id.
 * Register it with {@code @ExtendWith(MonitorDashExtension.class)}, or for every test class at once with
 * {@code junit.jupiter.extensions.autodetection.enabled=true} in {@code junit-platform.properties} (it is
 * listed for Java's service loader).
 *
 * <p>While a test runs, requests that reach MonitorDash's filter in this JVM are tagged with the test's
 * name ({@link RunningTests}): MockMvc on the test's thread, an embedded server when the test runs alone or
 * its HTTP client sends {@link RunningTests#HEADER} with {@link #currentTest()}.
 */
public final class MonitorDashExtension implements BeforeTestExecutionCallback, AfterTestExecutionCallback,
        TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            MonitorDashExtension.class);

    /**
     * The name of the test running on this thread ({@code com.example.ShopTest#checkout}), for an HTTP
     * client to send as {@link RunningTests#HEADER} when tests run in parallel against one server.
     */
    public static Optional<String> currentTest() {
        return Optional.ofNullable(RunningTests.current());
    }

    @Override
    public void beforeTestExecution(ExtensionContext context) {
        collector(context).started(context);
        RunningTests.started(TestNames.of(context.getRequiredTestClass().getName(),
                context.getRequiredTestMethod().getName()));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        RunningTests.finished();
        collector(context).executed(context);
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        collector(context).finished(context, TestOutcome.PASSED);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        collector(context).finished(context, TestOutcome.FAILED);
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        collector(context).finished(context, TestOutcome.ABORTED);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        collector(context).finished(context, TestOutcome.SKIPPED);
    }

    // One per run (the root context), closed by JUnit when the run ends: that is when it delivers.
    private static RunCollector collector(ExtensionContext context) {
        ExtensionContext root = context.getRoot();
        return root.getStore(NAMESPACE).getOrComputeIfAbsent(RunCollector.class,
                k -> new RunCollector(ReportSettings.of(root::getConfigurationParameter, System.getenv()),
                        System.getenv()), RunCollector.class);
    }
}
