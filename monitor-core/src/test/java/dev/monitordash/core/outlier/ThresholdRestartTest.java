package dev.monitordash.core.outlier;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.version.VersionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Both threshold rules are learned on the monitor's writer thread from the requests it writes, and come
 * back the same after a restart over the same SQLite file.
 */
class ThresholdRestartTest {

    static final VersionInfo VERSION = new VersionInfo("1.0", null, List.of(), Instant.parse("2025-06-01T00:00:00Z"),
            VersionInfo.Source.CONFIGURED);

    @TempDir
    Path dir;

    private MonitorConfig.Builder config() {
        return MonitorConfig.builder().databaseUrl("jdbc:sqlite:" + dir.resolve("monitor.db"))
                .outlierMinRequests(10).outlierMinDuration(Duration.ZERO).shutdownTimeout(Duration.ofSeconds(10));
    }

    private static Monitor start(MonitorConfig c) {
        return Monitor.start(c, VERSION, JdbcStore.open(c));
    }

    /** 1..200 ms, one request each, through the real pipeline; waits until all are written. */
    private static void record(Monitor m, String endpoint) throws InterruptedException {
        Endpoint e = m.declare(endpoint, "Handler");
        long t0 = 1_750_000_000_000_000L;
        for (int i = 1; i <= 200; i++) {
            assertTrue(m.record(new RequestRecord(e, t0 + i * 1_000L, i * 1_000_000L, "GET", 200, null, null)));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (m.stats().written() < 200) {
            assertTrue(System.nanoTime() < deadline, "records written in time");
            Thread.sleep(10);
        }
    }

    @Test
    void percentileThresholdIsLearnedByTheWriterAndSurvivesARestart() throws Exception {
        MonitorConfig c = config().outlierPercentile(99.0).outlierPercentileWindow(100).build();
        long learned;
        try (Monitor m = start(c)) {
            record(m, "/p");
            learned = m.outliers().thresholds().thresholdNanos("/p");
        }
        // The latest 100 are 101..200 ms: R-7 p99 is 199 + 0.01 × 1 ms.
        assertEquals(199_010_000L, learned);
        try (Monitor again = start(c)) {
            assertEquals(learned, again.outliers().thresholds().thresholdNanos("/p"));
        }
    }

    @Test
    void meanThresholdSurvivesARestartAsBefore() throws Exception {
        MonitorConfig c = config().build();
        try (Monitor m = start(c)) {
            record(m, "/m");
            assertEquals(251_250_000L, m.outliers().thresholds().thresholdNanos("/m")); // mean 100.5 ms × 2.5
        }
        try (Monitor again = start(c)) {
            assertEquals(251_250_000L, again.outliers().thresholds().thresholdNanos("/m"));
        }
    }
}
