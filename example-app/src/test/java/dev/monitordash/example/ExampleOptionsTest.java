package dev.monitordash.example;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExampleOptionsTest {

    private static String error(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> ExampleOptions.parse(args)).getMessage();
    }

    @Test
    void noHistoryUnlessAsked() {
        ExampleOptions options = ExampleOptions.parse(new String[] {"--simulate"});
        assertEquals(0, options.demoHistoryDays());
        assertEquals(40, options.users());
        assertTrue(options.simulate());
        assertFalse(options.help());
    }

    @Test
    void readsTheDaysOfDemoHistoryBesideTheOtherOptions() {
        ExampleOptions options = ExampleOptions.parse(
                new String[] {"--demo-history", "30", "--simulate", "--minutes", "2", "--users", "12"});
        assertEquals(30, options.demoHistoryDays());
        assertEquals(2, options.simulateMinutes());
        assertEquals(12, options.users());
        assertEquals(400, ExampleOptions.parse(new String[] {"--demo-history", "400"}).demoHistoryDays());
        assertEquals(1, ExampleOptions.parse(new String[] {"--demo-history", "1"}).demoHistoryDays());
    }

    @Test
    void rejectsDaysOutsideOneToFourHundredNamingTheOption() {
        assertEquals("--demo-history must be between 1 and 400, was 0", error("--demo-history", "0"));
        assertEquals("--demo-history must be between 1 and 400, was 401", error("--demo-history", "401"));
        assertEquals("--demo-history must be a number, was 'month'", error("--demo-history", "month"));
        assertEquals("--demo-history must be a number, was '--simulate'", error("--demo-history", "--simulate"));
        assertEquals("--demo-history needs a number", error("--simulate", "--demo-history"));
    }

    @Test
    void rejectsUnknownOptionsPointingToHelp() {
        assertEquals("unknown option --history (try --help)", error("--history", "30"));
    }

    @Test
    void helpAsksForTheUsageWhichDescribesEveryOption() {
        assertTrue(ExampleOptions.parse(new String[] {"--help"}).help());
        assertTrue(ExampleOptions.parse(new String[] {"-h"}).help());
        for (String option : new String[] {"--port", "--simulate", "--users", "--rps", "--minutes", "--demo-history"}) {
            assertTrue(ExampleOptions.USAGE.contains(option + " "), option);
        }
    }
}
