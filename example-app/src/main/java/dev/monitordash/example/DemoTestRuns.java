package dev.monitordash.example;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.tests.TestNames;
import dev.monitordash.core.tests.TestOutcome;
import dev.monitordash.core.tests.TestResult;
import dev.monitordash.core.tests.TestRun;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The CI test runs of the demo history ({@code --demo-history}), made up like its requests: an API test
 * suite of the example run a few times per version, each test calling the example's endpoints, so that the
 * Tests page has box plots per version, a regression to find and endpoints with their tests. The test that
 * calls {@link DemoHistory#REGRESSED_ENDPOINT} gets twice as slow in {@link DemoHistory#REGRESSED_VERSION}
 * with the endpoint; one test is flaky, one disabled, one aborts on a missing database. The requests the
 * tests made are written as a CI instance's ({@link #SERVICE}), tagged with their test, as the filter tags
 * them when the extension runs. The example's real test suite reports its own runs with the extension
 * (docs/testing.md).
 */
final class DemoTestRuns {

    static final String SERVICE = "example-ci";
    /** Enough for the rank test to find a doubled test among a dozen (about 8 per side are needed). */
    static final int RUNS_PER_VERSION = 10;
    static final String SUITE = "dev.monitordash.example.api.";

    /** A test of the demo suite: the requests it makes and what it costs beyond them. */
    private record DemoTest(String className, String method, String endpoint, String httpMethod, int requests,
            double millisPerRequest, int status, double setupMillis) {

        String name() {
            return TestNames.of(SUITE + className, method);
        }
    }

    private static final List<DemoTest> TESTS = List.of(
            new DemoTest("LanguagesApiTest", "listsEveryLanguage", "/api/languages", "GET", 3, 0.4, 200, 4),
            new DemoTest("LanguagesApiTest", "answersFromTheCache", "/api/languages", "GET", 20, 0.4, 200, 2),
            new DemoTest("ArticlesApiTest", "recommendsArticlesForAReader", DemoHistory.REGRESSED_ENDPOINT, "GET", 2,
                    220, 200, 15),
            new DemoTest("BookmarksApiTest", "listsTheUsersBookmarks", "/api/bookmarks", "GET", 4, 6, 200, 8),
            new DemoTest("UsersApiTest", "showsAUser", "/api/users/*", "GET", 2, 10, 200, 3),
            new DemoTest("UsersApiTest", "answers404ForAnUnknownUser", "/api/users/*", "GET", 1, 8, 404, 3),
            new DemoTest("UploadApiTest", "acceptsAnUpload", "/api/upload", "POST", 1, 35, 200, 12),
            new DemoTest("UploadApiTest", "rejectsMalformedJson", "/api/upload", "POST", 2, 30, 400, 5),
            new DemoTest("FeedsApiTest", "refreshesTheFeeds", "/api/feeds/refresh", "GET", 1, 30, 200, 6),
            new DemoTest("LoginTest", "logsInWithTheRightPassword", "/login", "POST", 1, 3, 302, 40));
    /** Flaky: its feed sometimes times out on the CI machine. */
    private static final String FLAKY = "refreshesTheFeeds";
    private static final double FLAKY_FAILURES = 0.2;

    private DemoTestRuns() {
    }

    /** Writes the runs of every version; returns how many test results. */
    static int write(MonitorStore store, List<DemoHistory.Version> versions, Instant now, ZoneId zone,
            Function<String, Endpoint> endpoints) {
        Random random = new Random(DemoHistory.SEED + 1);
        int results = 0;
        for (int v = 0; v < versions.size(); v++) {
            DemoHistory.Version version = versions.get(v);
            Instant end = v + 1 < versions.size() ? versions.get(v + 1).firstSeen() : now;
            Duration span = Duration.between(version.firstSeen(), end);
            for (int run = 0; run < RUNS_PER_VERSION; run++) {
                // In working hours: CI runs when people push.
                Instant day = version.firstSeen().plus(span.multipliedBy(run).dividedBy(RUNS_PER_VERSION));
                Instant start = ZonedDateTime.of(day.atZone(zone).toLocalDate(), LocalTime.of(11, 0), zone)
                        .toInstant().plusSeconds(random.nextInt(3_600));
                if (start.isAfter(now) || start.isBefore(version.firstSeen())) {
                    start = version.firstSeen().plusSeconds(60L * run);
                }
                results += writeRun(store, version.name(), "demo-" + version.name() + "-" + (run + 1), start, random,
                        endpoints);
            }
        }
        return results;
    }

    private static int writeRun(MonitorStore store, String version, String runId, Instant start, Random random,
            Function<String, Endpoint> endpoints) {
        long at = ChronoUnit.MICROS.between(Instant.EPOCH, start);
        List<TestResult> results = new ArrayList<>();
        List<RequestRecord> requests = new ArrayList<>();
        for (DemoTest t : TESTS) {
            long testStart = at;
            double factor = Math.exp(0.08 * random.nextGaussian()); // a shared CI machine's jitter
            if (version.equals(DemoHistory.REGRESSED_VERSION) && t.endpoint().equals(DemoHistory.REGRESSED_ENDPOINT)) {
                factor *= DemoHistory.REGRESSION;
            }
            long micros = (long) (t.setupMillis() * 1_000 * Math.exp(0.1 * random.nextGaussian()));
            for (int i = 0; i < t.requests(); i++) {
                long duration = (long) (t.millisPerRequest() * 1_000 * factor * Math.exp(0.15 * random.nextGaussian()));
                requests.add(new RequestRecord(endpoints.apply(t.endpoint()), at + micros, duration * 1_000,
                        t.httpMethod(), t.status(), null, "10.99.0.1", null, null, t.name()));
                micros += duration;
            }
            TestOutcome outcome = t.method().equals(FLAKY) && random.nextDouble() < FLAKY_FAILURES
                    ? TestOutcome.FAILED : TestOutcome.PASSED;
            results.add(result(t.className(), t.method(), outcome, micros, testStart));
            at += micros + 1_000;
        }
        results.add(result("UploadApiTest", "acceptsAHundredMegabytes", TestOutcome.SKIPPED, 0, at));
        results.add(result("BookmarksApiTest", "survivesAPostgresRestart", TestOutcome.ABORTED, 2_000, at));
        store.tests().save(new TestRun(runId, version, ChronoUnit.MICROS.between(Instant.EPOCH, start), results));
        store.writeBatch(requests, new Origin(version, SERVICE, "ci-runner"));
        return results.size();
    }

    private static TestResult result(String className, String method, TestOutcome outcome, long micros, long start) {
        return new TestResult("[class:" + SUITE + className + "]/[method:" + method + "()]", SUITE + className, method,
                method + "()", outcome, micros, 1, start);
    }
}
