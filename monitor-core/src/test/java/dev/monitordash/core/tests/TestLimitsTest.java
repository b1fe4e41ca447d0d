package dev.monitordash.core.tests;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TestLimitsTest {

    static final long T0 = 1_780_000_000_000_000L;

    static TestResult result(String display) {
        return new TestResult("k", "a.T", "m", display, TestOutcome.PASSED, 10, 1, T0);
    }

    static String field(TestRun run) {
        return assertThrows(InvalidTestRunException.class, run::validated).field();
    }

    @Test
    void eachBoundIsNamedByTheFieldItBreaks() {
        assertEquals("runId", field(new TestRun("", "1.0", T0, List.of())));
        assertEquals("runId", field(new TestRun("build 12", "1.0", T0, List.of())));
        assertEquals("runId", field(new TestRun("x".repeat(129), "1.0", T0, List.of())));
        assertEquals("version", field(new TestRun("b-1", "v".repeat(101), T0, List.of())));
        assertEquals("startedAt", field(new TestRun("b-1", "1.0", 0, List.of())));
        assertEquals("results[0].displayName", field(new TestRun("b-1", "1.0", T0, List.of(result(" ")))));
        assertEquals("results[1].displayName", field(new TestRun("b-1", "1.0", T0,
                List.of(result("ok"), result("n".repeat(10 * 1024))))));
        assertEquals("results[0].methodName", field(new TestRun("b-1", "1.0", T0,
                List.of(new TestResult("k", "a.T", "m#x", "d", TestOutcome.PASSED, 1, 1, T0)))));
        assertEquals("results[0].durationMicros", field(new TestRun("b-1", "1.0", T0,
                List.of(new TestResult("k", "a.T", "m", "d", TestOutcome.PASSED, -1, 1, T0)))));
        assertEquals("results[0].repetition", field(new TestRun("b-1", "1.0", T0,
                List.of(new TestResult("k", "a.T", "m", "d", TestOutcome.PASSED, 1, 0, T0)))));
    }

    @Test
    void aRunOfMoreResultsThanOneDeliveryHoldsIsRefusedWithTheAdviceToSendParts() {
        List<TestResult> many = new ArrayList<>();
        for (int i = 0; i <= TestLimits.RESULTS_PER_RUN; i++) {
            many.add(result("t"));
        }
        InvalidTestRunException e = assertThrows(InvalidTestRunException.class,
                () -> new TestRun("b-1", "1.0", T0, many).validated());
        assertEquals("results", e.field());
        assertEquals(true, e.getMessage().contains("in parts"), e.getMessage());
    }

    @Test
    void truncationKeepsTheLimitAndMarksTheCut() {
        assertEquals("abc", TestLimits.truncate("abc", 3));
        assertEquals("ab…", TestLimits.truncate("abcd", 3));
        String cut = TestLimits.truncate("n".repeat(10 * 1024), TestLimits.DISPLAY_NAME_LENGTH);
        assertEquals(TestLimits.DISPLAY_NAME_LENGTH, cut.length());
        // A surrogate pair is never split in two.
        assertEquals("a…", TestLimits.truncate("a\uD83D\uDE00bc", 3));
    }
}
