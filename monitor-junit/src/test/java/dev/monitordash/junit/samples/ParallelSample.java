package dev.monitordash.junit.samples;

import dev.monitordash.junit.MonitorDashExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Two tests that run at the same time (the barrier holds each until the other runs too): only the header
 * tells their requests apart, and a request without it belongs to neither.
 */
@ExtendWith(MonitorDashExtension.class)
@Execution(ExecutionMode.CONCURRENT)
@OnlyInEngineRun
public class ParallelSample {

    static final CyclicBarrier BOTH_RUNNING = new CyclicBarrier(2);

    private static void bothRunning() throws Exception {
        BOTH_RUNNING.await(60, TimeUnit.SECONDS);
    }

    @Test
    void left() throws Exception {
        bothRunning();
        SampleApp.get("/left", true);
        SampleApp.get("/anonymous", false);
        bothRunning(); // neither ends before both made their requests
    }

    @Test
    void right() throws Exception {
        bothRunning();
        SampleApp.get("/right", true);
        bothRunning();
    }
}
