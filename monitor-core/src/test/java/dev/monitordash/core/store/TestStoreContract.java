package dev.monitordash.core.store;

import dev.monitordash.core.query.BoxPlot;
import dev.monitordash.core.query.TestQueries;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.Sql;
import dev.monitordash.core.testing.TestDatabase;
import dev.monitordash.core.tests.ApiToken;
import dev.monitordash.core.tests.InvalidTestRunException;
import dev.monitordash.core.tests.IssuedToken;
import dev.monitordash.core.tests.RunConflictException;
import dev.monitordash.core.tests.SavedRun;
import dev.monitordash.core.tests.TestOutcome;
import dev.monitordash.core.tests.TestResult;
import dev.monitordash.core.tests.TestRun;
import dev.monitordash.core.tests.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.monitordash.core.testing.Records.endpoint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test runs, test hits and API tokens in a real database; subclasses run it on SQLite and PostgreSQL. */
abstract class TestStoreContract {

    static final long T0 = Records.micros(Instant.parse("2026-11-01T10:00:00Z"));

    protected abstract TestDatabase database();

    private String url;
    private JdbcStore store;

    @BeforeEach
    void open() {
        url = database().freshUrl();
        store = JdbcStore.open(database().config(url).build());
    }

    @AfterEach
    void close() {
        store.close();
    }

    static TestResult passed(String cls, String method, long micros, int invocation) {
        return new TestResult("[class:" + cls + "]/[method:" + method + "()]/#" + invocation, cls, method,
                method + "()", TestOutcome.PASSED, micros, invocation, T0 + invocation);
    }

    static TestResult ended(String cls, String method, TestOutcome outcome) {
        return new TestResult("[class:" + cls + "]/[method:" + method + "()]", cls, method, method + "()", outcome,
                outcome == TestOutcome.SKIPPED ? 0 : 1_000, 1, T0);
    }

    @Test
    void aRunIsStoredOnceHoweverOftenItIsDeliveredAndItsPartsAddUp() throws Exception {
        TestStore tests = store.tests();
        TestRun first = new TestRun("ci-1", "1.0", T0, List.of(passed("a.ShopTest", "cart", 5_000, 1),
                passed("a.ShopTest", "pay", 7_000, 1)));
        assertEquals(new SavedRun("ci-1", 2, 2), tests.save(first));
        assertEquals(new SavedRun("ci-1", 2, 0), tests.save(first), "a retried delivery stores nothing");
        // A second part of the same run (another fork), overlapping the first in one result.
        SavedRun part = tests.save(new TestRun("ci-1", "1.0", T0 - 5, List.of(passed("a.ShopTest", "pay", 7_000, 1),
                ended("a.ShopTest", "refund", TestOutcome.FAILED))));
        assertEquals(1, part.stored());
        assertEquals(1, part.duplicates());
        assertEquals(3, Sql.longValue(database(), url, "SELECT COUNT(*) FROM test_result"));
        assertEquals(1, Sql.longValue(database(), url, "SELECT COUNT(*) FROM test_run"));
        assertEquals(T0 - 5, Sql.longValue(database(), url, "SELECT started_at FROM test_run"),
                "the run starts when its earliest part started");
    }

    @Test
    void aRunIdStoredWithAnotherVersionIsRefusedAndNothingOfItIsStored() throws Exception {
        TestStore tests = store.tests();
        tests.save(new TestRun("ci-2", "1.0", T0, List.of(passed("a.T", "x", 1_000, 1))));
        RunConflictException e = assertThrows(RunConflictException.class, () -> tests.save(
                new TestRun("ci-2", "2.0", T0, List.of(passed("a.T", "y", 1_000, 1)))));
        assertTrue(e.getMessage().contains("1.0"), e.getMessage());
        assertEquals(1, Sql.longValue(database(), url, "SELECT COUNT(*) FROM test_result"));
        // The store is still usable after the refusal.
        assertEquals(1, tests.save(new TestRun("ci-3", "2.0", T0, List.of(passed("a.T", "y", 1_000, 1)))).stored());
    }

    @Test
    void aRunBreakingALimitIsRefusedNamingTheFieldBeforeAnythingIsWritten() throws Exception {
        TestResult longName = new TestResult("k", "a.T", "x", "n".repeat(10 * 1024), TestOutcome.PASSED, 1, 1, T0);
        InvalidTestRunException e = assertThrows(InvalidTestRunException.class,
                () -> store.tests().save(new TestRun("ci-4", "1.0", T0, List.of(passed("a.T", "y", 1, 1), longName))));
        assertEquals("results[1].displayName", e.field());
        assertEquals(0, Sql.longValue(database(), url, "SELECT COUNT(*) FROM test_run"));
    }

    @Test
    void tenThousandResultsInOneRunAreStoredInOneCall() throws Exception {
        List<TestResult> results = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            results.add(passed("big.Suite" + (i % 100), "test" + i, 1_000 + i, 1));
        }
        long start = System.nanoTime();
        SavedRun saved = store.tests().save(new TestRun("ci-big", "1.0", T0, results));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("10 000 test results stored in " + millis + " ms on " + database());
        assertEquals(10_000, saved.stored());
        assertEquals(10_000, Sql.longValue(database(), url, "SELECT COUNT(*) FROM test_case"));
        assertEquals(10, store.tests().queries().slowest("1.0", 10).size());
        assertEquals("big.Suite99#test9999", store.tests().queries().slowest("1.0", 1).get(0).test());
    }

    @Test
    void outcomesSlowestTestsAndBoxPlotsArePerVersionInTheOrderVersionsWereFirstRun() {
        TestStore tests = store.tests();
        // Version 2.0 runs first in time here, so it comes first although it sorts after 1.0 by name.
        tests.save(new TestRun("r1", "2.0", T0, List.of(passed("a.T", "fast", 1_000, 1),
                passed("a.T", "slow", 90_000, 1), ended("a.T", "broken", TestOutcome.FAILED),
                ended("a.T", "off", TestOutcome.SKIPPED))));
        tests.save(new TestRun("r2", "1.0", T0 + 1_000_000, List.of(passed("a.T", "fast", 2_000, 1),
                passed("a.T", "fast", 4_000, 2), passed("a.T", "slow", 30_000, 1),
                ended("a.T", "assumed", TestOutcome.ABORTED))));
        TestQueries q = tests.queries();
        assertEquals(List.of("2.0", "1.0"), q.versions().stream().map(TestQueries.TestVersion::version).toList());
        assertEquals(List.of(new TestQueries.VersionOutcomes("2.0", 1, 2, 1, 1, 0),
                new TestQueries.VersionOutcomes("1.0", 1, 3, 0, 0, 1)), q.outcomes());
        List<TestQueries.SlowTest> slowest = q.slowest("1.0", 5);
        assertEquals(List.of("a.T#slow", "a.T#fast"), slowest.stream().map(TestQueries.SlowTest::test).toList());
        assertEquals(3.0, slowest.get(1).medianMs(), 1e-9);
        assertEquals(2, slowest.get(1).executions());
        List<BoxPlot> boxes = q.boxes("a.T#fast").versions();
        assertEquals(List.of("2.0", "1.0"), boxes.stream().map(BoxPlot::label).toList());
        assertEquals(3.0, boxes.get(1).median(), 1e-9);
        assertEquals(List.of(), q.boxes("a.T#broken").versions(), "a test that never passed has no times");
        assertEquals(List.of("a.T#assumed", "a.T#broken", "a.T#fast", "a.T#off", "a.T#slow"), q.tests(10));
    }

    @Test
    void theComparisonFlagsTheTestThatGotSlowerAndNoneOfTheUnchangedOnes() {
        Random random = new Random(7);
        TestStore tests = store.tests();
        for (int run = 0; run < 12; run++) {
            for (String version : List.of("1.0", "1.1")) {
                List<TestResult> results = new ArrayList<>();
                for (int t = 0; t < 40; t++) {
                    long base = 10_000 + t * 1_000;
                    long noise = (long) (random.nextGaussian() * base * 0.05);
                    // t == 7 takes twice as long in 1.1; every other test only jitters.
                    long micros = (version.equals("1.1") && t == 7 ? 2 * base : base) + noise;
                    results.add(passed("a.Suite", "t" + t, micros, 1));
                }
                tests.save(new TestRun(version + "-" + run, version, T0 + run, results));
            }
        }
        TestQueries.Comparison c = tests.queries().compare("1.0", "1.1");
        assertEquals(40, c.compared());
        assertEquals(List.of("a.Suite#t7"), c.slower().stream().map(TestQueries.TestChange::test).toList());
        assertEquals(List.of(), c.faster());
        TestQueries.TestChange t7 = c.slower().get(0);
        assertTrue(t7.q() < 0.05 && t7.mannWhitney().effect() > 0.9, t7.toString());
        assertEquals(2.0, t7.medianAfter() / t7.medianBefore(), 0.2);
    }

    @Test
    void requestsMadeByATestAreCountedPerEndpointAndVersion() {
        var cart = endpoint("/cart");
        var pay = endpoint("/pay");
        store.writeBatch(List.of(
                new RequestRecord(cart, T0, 2_000_000, "GET", 200, null, null, null, null, "a.ShopTest#buys"),
                new RequestRecord(cart, T0 + 1, 4_000_000, "GET", 200, null, null, null, null, "a.ShopTest#buys"),
                new RequestRecord(pay, T0 + 2, 1_000_000, "POST", 200, null, null, null, null, "a.ShopTest#buys"),
                new RequestRecord(cart, T0 + 3, 1_000_000, "GET", 200, null, null, null, null, "a.CartTest#empty"),
                new RequestRecord(pay, T0 + 4, 1_000_000, "GET", 200, "ann", null)), new Origin("1.0", "shop", "a"));
        store.writeBatch(List.of(
                new RequestRecord(cart, T0 + 5, 6_000_000, "GET", 200, null, null, null, null, "a.ShopTest#buys")),
                new Origin("1.1", "shop", "a"));
        List<TestQueries.EndpointTests> endpoints = store.tests().queries().endpoints(10);
        assertEquals(List.of("/cart", "/pay"), endpoints.stream().map(TestQueries.EndpointTests::endpoint).toList());
        TestQueries.EndpointTests c = endpoints.get(0);
        assertEquals(2, c.tests());
        assertEquals(4, c.requests());
        assertEquals(new TestQueries.TestHit("a.ShopTest#buys", 3, 4.0, List.of("1.0", "1.1")), c.hits().get(0));
        assertEquals(new TestQueries.TestHit("a.CartTest#empty", 1, 1.0, List.of("1.0")), c.hits().get(1));
        assertEquals(1, endpoints.get(1).requests(), "the request of no test is not counted");
        assertEquals(1, store.tests().queries().endpoints(1).get(0).hits().size(), "capped per endpoint");
    }

    @Test
    void aTokenIsFoundByItsSecretOnlyStoredAsADigestAndGoneOnceRevoked() throws Exception {
        TestStore tests = store.tests();
        IssuedToken issued = tests.createToken("github actions", "admin", Duration.ofDays(30));
        assertTrue(issued.secret().startsWith("mdt_") && issued.secret().length() > 40, issued.secret());
        assertFalse(issued.toString().contains(issued.secret()));
        assertEquals(0, Sql.longValue(database(), url, "SELECT COUNT(*) FROM api_token WHERE digest = ?",
                issued.secret()));
        ApiToken found = tests.authenticate(issued.secret()).orElseThrow();
        assertEquals(issued.token().id(), found.id());
        assertEquals("github actions", found.name());
        assertFalse(found.expiredAt(Instant.now()));
        assertTrue(found.expiredAt(Instant.now().plus(Duration.ofDays(31))));
        assertTrue(tests.authenticate(issued.secret() + "x").isEmpty());
        assertTrue(tests.authenticate("wrong").isEmpty());
        assertTrue(tests.authenticate(null).isEmpty());
        assertNotEquals(null, tests.tokens().get(0).lastUsed(), "a use is noted");
        assertTrue(tests.revokeToken(found.id()));
        assertFalse(tests.revokeToken(found.id()));
        assertTrue(tests.authenticate(issued.secret()).isEmpty());
        assertEquals(List.of(), tests.tokens());
    }

    @Test
    void testRunsAndTestHitsOlderThanTheRollupsRetentionAreDeletedWithThem() throws Exception {
        long now = Records.micros(Instant.now());
        long old = now - Duration.ofDays(500).toNanos() / 1_000;
        long recent = now - Duration.ofDays(1).toNanos() / 1_000;
        store.tests().save(new TestRun("old", "1.0", old, List.of(passed("a.T", "x", 1_000, 1),
                passed("a.T", "y", 1_000, 1))));
        store.tests().save(new TestRun("new", "2.0", recent, List.of(passed("a.T", "x", 1_000, 1))));
        var e = endpoint("/cart");
        store.writeBatch(List.of(new RequestRecord(e, old, 1_000_000, "GET", 200, null, null, null, null, "a.T#x")),
                new Origin("1.0", "shop", "a"));
        store.writeBatch(List.of(new RequestRecord(e, recent, 1_000_000, "GET", 200, null, null, null, null, "a.T#x")),
                new Origin("2.0", "shop", "a"));
        store.retainNow();
        assertEquals(List.of("2.0"), store.tests().queries().versions().stream()
                .map(TestQueries.TestVersion::version).toList());
        assertEquals(1, Sql.longValue(database(), url, "SELECT COUNT(*) FROM test_result"));
        assertEquals(List.of("2.0"), store.tests().queries().endpoints(10).get(0).hits().get(0).versions());
    }
}
