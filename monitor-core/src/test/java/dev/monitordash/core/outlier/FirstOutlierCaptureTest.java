package dev.monitordash.core.outlier;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.testing.Await;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first request a freshly started monitor watches is caught at its deadline like any other: the
 * watchdog and the system sampling start with level 2, OSHI is set up on the sampling thread, and the first
 * snapshot exists before the first request. (The watchdog once started on the first watched request and set
 * OSHI up on its own thread first: that request was caught 50-120 ms late, or missed when it ended meanwhile.)
 */
class FirstOutlierCaptureTest {

    static final long MS = 1_000_000L;
    /** Generous for a loaded 2-core machine; the tick is 2 ms, OSHI's set-up alone took 50-120 ms. */
    static final long LATENESS_BOUND_NANOS = 50 * MS;
    static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private MonitorConfig config(int defaultLevel) {
        return MonitorConfig.builder().databaseUrl("jdbc:sqlite:" + dir.resolve("monitor.db"))
                .outlierMinRequests(10).outlierMinDuration(Duration.ZERO).defaultLevel(defaultLevel)
                .shutdownTimeout(Duration.ofSeconds(10)).build();
    }

    private static Monitor start(MonitorConfig c) {
        return Monitor.start(c, ThresholdRestartTest.VERSION, JdbcStore.open(c));
    }

    /** Ten 20 ms requests of {@code endpoint}: mean 20 ms, threshold 50 ms. */
    private static void learn(Monitor m, String endpoint) throws Exception {
        Endpoint e = m.declare(endpoint, "Handler");
        long t0 = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        for (int i = 0; i < 10; i++) {
            assertTrue(m.record(new RequestRecord(e, t0 + i, 20 * MS, "GET", 200, null, null)));
        }
        Await.until("the threshold of " + endpoint, DEADLINE,
                () -> m.outliers().thresholds().thresholdNanos(endpoint) == 50 * MS);
    }

    @Test
    void firstRequestOfARestartedMonitorIsCapturedAtItsDeadlineWithFreshSystemFigures() throws Exception {
        MonitorConfig c = config(MonitoringLevel.OUTLIERS);
        try (Monitor m = start(c)) {
            learn(m, "/report");
        }
        try (Monitor m = start(c)) {
            assertEquals(50 * MS, m.outliers().thresholds().thresholdNanos("/report"), "threshold from the store");
            // No request yet: level 2 is in use, so the system is sampled already, off every request thread.
            Await.until("the first system snapshot", DEADLINE, () -> m.outliers().latestSystem() != null);
            assertEquals(0, m.outliers().watching());

            long start = System.nanoTime();
            OutlierWatch w = m.outliers().watch("/report", start, () -> null);
            assertNotNull(w);
            OutlierCapture c1 = blockUntilCaptured(w);
            assertTrue(w.finish());

            long late = c1.ranForNanos() - c1.thresholdNanos();
            assertTrue(late >= 0 && late <= LATENESS_BOUND_NANOS,
                    "first capture " + late / 1e6 + " ms after its deadline");
            assertTrue(c1.requestStack().contains("blockUntilCaptured"), c1.requestStack());
            SystemSnapshot s = c1.system();
            assertFalse(s.cpuPerCore().isEmpty(), "CPU per core: " + s.notes());
            assertFalse(s.sampledAt().isAfter(Instant.ofEpochSecond(0, c1.capturedAtMicros() * 1_000L)),
                    "sampled before the capture");
            assertTrue(c1.notes().isEmpty(), c1.notes().toString());
        }
    }

    @Test
    void settingAnEndpointToLevelTwoStartsTheSystemSamplingBeforeItsFirstRequest() throws Exception {
        try (Monitor m = start(config(MonitoringLevel.PERFORMANCE))) {
            m.declare("/report", "Handler");
            assertNull(m.outliers().latestSystem(), "level 1 alone starts neither watchdog nor OSHI");
            m.changeLevel("/report", MonitoringLevel.OUTLIERS);
            Await.until("the first system snapshot", DEADLINE, () -> m.outliers().latestSystem() != null);
        }
    }

    // The request: blocks in this method until the watchdog has captured it (no fixed sleep).
    private static OutlierCapture blockUntilCaptured(OutlierWatch w) throws InterruptedException {
        OutlierCapture c = w.awaitCapture(DEADLINE.toMillis());
        assertNotNull(c, "captured within " + DEADLINE);
        return c;
    }
}
