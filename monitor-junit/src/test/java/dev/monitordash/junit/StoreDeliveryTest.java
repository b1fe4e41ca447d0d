package dev.monitordash.junit;

import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.query.TestQueries;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.junit.samples.AutodetectedSample;
import dev.monitordash.junit.samples.OutcomesSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The extension run by the JUnit Platform, delivering straight into a real SQLite file. */
class StoreDeliveryTest {

    @TempDir
    Path dir;

    Map<String, String> parameters(String url) {
        Map<String, String> p = new HashMap<>();
        p.put("monitordash.tests.database", url);
        p.put("monitordash.tests.run-id", "ci-7");
        p.put("monitordash.tests.version", "2.0");
        p.put("junit.jupiter.params.displayname.argument.maxlength", "20000");
        return p;
    }

    static List<TestQueries.VersionOutcomes> outcomes(String url) {
        try (JdbcStore store = JdbcStore.open(MonitorConfig.builder().databaseUrl(url).build())) {
            return store.tests().queries().outcomes();
        }
    }

    @Test
    void everyTestIsTimedWithItsOutcomeAndTheRunIsStoredOnceHoweverOftenItIsReported() throws Exception {
        String url = "jdbc:sqlite:" + dir.resolve("monitordash.db");
        EngineRun first = EngineRun.of(OutcomesSample.class, parameters(url));
        // The suite's own results are what they are: reporting changes none of them.
        first.results().testEvents().assertStatistics(s -> s.succeeded(5).failed(1).aborted(1).skipped(1));
        assertEquals(0, first.warnings(), first.err());
        assertTrue(first.out().contains("8 test results of run ci-7 (version 2.0) reported to jdbc:sqlite:"),
                first.out());
        assertEquals(List.of(new TestQueries.VersionOutcomes("2.0", 1, 5, 1, 1, 1)), outcomes(url));

        Map<String, Long> durations = new TreeMap<>();
        Map<String, Integer> repetitions = new TreeMap<>();
        String longName = null;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT t.name, r.display_name, r.duration, r.repetition, r.outcome "
                     + "FROM test_result r JOIN test_case t ON t.id = r.test_id")) {
            while (rs.next()) {
                String test = rs.getString(1).substring(rs.getString(1).indexOf('#') + 1);
                durations.merge(test, rs.getLong(3), Long::sum);
                repetitions.merge(test, rs.getInt(4), Math::max);
                if (test.equals("longName")) {
                    longName = rs.getString(2);
                }
            }
        }
        assertEquals(List.of("aborts", "fails", "longName", "passes", "repeated", "skipped"),
                List.copyOf(durations.keySet()));
        assertEquals(OutcomesSample.class.getName() + "#passes",
                OutcomesSample.class.getName() + "#" + durations.keySet().toArray()[3]);
        assertTrue(durations.get("passes") >= OutcomesSample.SLEEP_MILLIS * 1_000, durations.toString());
        assertTrue(durations.get("passes") < 60_000_000, durations.toString());
        assertEquals(0, durations.get("skipped"));
        assertEquals(3, repetitions.get("repeated"), "the third repetition is numbered 3");
        assertEquals(1, repetitions.get("passes"));
        assertEquals(1_000, longName.length(), "a 10 KB display name is cut to the documented limit");
        assertTrue(longName.endsWith("…"));

        EngineRun again = EngineRun.of(OutcomesSample.class, parameters(url));
        assertEquals(0, again.warnings(), again.err());
        assertTrue(again.out().contains("(8 had been reported before)"), again.out());
        assertEquals(List.of(new TestQueries.VersionOutcomes("2.0", 1, 5, 1, 1, 1)), outcomes(url));
    }

    @Test
    void aTestClassWithoutExtendWithIsReportedWhenAutodetectionIsOn() {
        String url = "jdbc:sqlite:" + dir.resolve("auto.db");
        EngineRun off = EngineRun.of(AutodetectedSample.class, parameters(url));
        off.results().testEvents().assertStatistics(s -> s.succeeded(1));
        assertFalse(Files.exists(dir.resolve("auto.db")), "without autodetection the extension never ran");

        Map<String, String> p = parameters(url);
        p.put("junit.jupiter.extensions.autodetection.enabled", "true");
        EngineRun on = EngineRun.of(AutodetectedSample.class, p);
        assertEquals(List.of(new TestQueries.VersionOutcomes("2.0", 1, 1, 0, 0, 0)), outcomes(url));
        assertEquals(0, on.warnings(), on.err());
    }

    @Test
    void anUnreachableOrMisconfiguredStoreIsOneWarningAndTheSuiteStillPasses() {
        Map<String, String> p = parameters("jdbc:sqlite:" + dir.resolve("no/such/dir/x.db"));
        EngineRun unreachable = EngineRun.of(OutcomesSample.class, p);
        unreachable.results().testEvents().assertStatistics(s -> s.succeeded(5).failed(1));
        unreachable.results().containerEvents().assertStatistics(s -> s.failed(0));
        assertEquals(1, unreachable.warnings(), unreachable.err());
        assertTrue(unreachable.err().contains("could not report 8 test results of run ci-7"), unreachable.err());

        p.put("monitordash.tests.database", "mysql://nope");
        EngineRun misconfigured = EngineRun.of(OutcomesSample.class, p);
        assertEquals(1, misconfigured.warnings(), misconfigured.err());
        assertTrue(misconfigured.err().contains("monitordash.tests.database must be a JDBC URL"), misconfigured.err());
    }
}
