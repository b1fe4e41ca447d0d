package dev.monitordash.core.outlier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WatchdogTest {

    static final long MS = 1_000_000L;
    final OutlierThresholds thresholds = new OutlierThresholds(2.0, 1);
    final OutlierDetector detector = new OutlierDetector(thresholds,
            new Masking(List.of(), List.of("password")), "test-watchdog");

    @AfterEach
    void close() {
        detector.close();
    }

    static RequestData data(String url) {
        return new RequestData(url, "password=x", "GET", List.of(new NameValue("Authorization", "Basic a")),
                List.of(new NameValue("password", "x")), "127.0.0.1", null, List.of());
    }

    @Test
    void requestThatOutlivesItsDeadlineIsCapturedWhileItRuns() throws Exception {
        thresholds.observe("/slow", 50 * MS); // threshold 100 ms
        AtomicInteger reads = new AtomicInteger();
        long start = System.nanoTime();
        OutlierWatch w = detector.watch("/slow", start, () -> {
            reads.incrementAndGet();
            return data("http://h/slow");
        });
        assertNotNull(w);
        sleepInKnownMethod(w, 100 * MS);
        boolean outlier = w.finish();
        long elapsed = System.nanoTime() - start;

        assertTrue(outlier);
        OutlierCapture c = w.awaitCapture(10_000);
        assertNotNull(c);
        assertEquals(1, reads.get());
        assertTrue(c.ranForNanos() >= 100 * MS, "captured at its deadline or after, ran " + c.ranForNanos());
        assertTrue(c.ranForNanos() <= elapsed, "captured while it still ran");
        assertTrue(c.requestStack().contains("sleepInKnownMethod"), c.requestStack());
        assertEquals(Thread.currentThread().getName(), c.requestThread());
        assertTrue(c.threads().stream().anyMatch(t -> t.id() == Thread.currentThread().getId()));
        assertEquals(Masking.MASK, c.request().headers().get(0).value());
        assertEquals(Masking.MASK, c.request().parameters().get(0).value());
        assertEquals(100 * MS, c.thresholdNanos());
        assertEquals(1, detector.captures());
    }

    // Sleeps past the deadline, then until the capture is complete: robust on a loaded machine.
    private static void sleepInKnownMethod(OutlierWatch w, long atLeastNanos) throws InterruptedException {
        Thread.sleep(atLeastNanos / MS);
        w.awaitCapture(20_000); // still in this method while the watchdog takes the stack
    }

    @Test
    void requestThatEndsBeforeItsDeadlineIsNeitherCapturedNorRead() throws Exception {
        thresholds.observe("/fast", 5_000 * MS); // threshold 10 s
        AtomicInteger reads = new AtomicInteger();
        OutlierWatch w = detector.watch("/fast", System.nanoTime(), () -> {
            reads.incrementAndGet();
            return data("x");
        });
        assertFalse(w.finish());
        assertNull(w.awaitCapture(50));
        assertEquals(0, reads.get());
        assertEquals(0, detector.captures());
    }

    @Test
    void endpointWithoutEnoughRequestsIsNotWatched() {
        OutlierDetector strict = new OutlierDetector(new OutlierThresholds(2.5, 10),
                new Masking(List.of(), List.of()), "unused");
        assertNull(strict.watch("/new", System.nanoTime(), () -> data("x")));
        strict.close();
    }

    @Test
    void oneWatchdogThreadWatchesManyRequests() throws Exception {
        thresholds.observe("/n", 5_000 * MS);
        int before = Thread.activeCount();
        List<OutlierWatch> watches = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            watches.add(detector.watch("/n", System.nanoTime(), () -> data("x")));
        }
        assertTrue(Thread.activeCount() <= before + 2, "at most the watchdog and the system sampling were started");
        assertEquals(1_000, detector.watching());
        for (OutlierWatch w : watches) {
            assertFalse(w.finish());
        }
        assertEquals(0, detector.watching());
    }

    @Test
    void watchdogCapturesSeveralOverdueRequestsOfOtherThreads() throws Exception {
        thresholds.observe("/w", 10 * MS); // threshold 20 ms
        int n = 3;
        CountDownLatch release = new CountDownLatch(1);
        List<OutlierWatch> watches = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                OutlierWatch w = detector.watch("/w", System.nanoTime(), () -> data("x"));
                synchronized (watches) {
                    watches.add(w);
                }
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "worker-" + i);
            t.start();
            workers.add(t);
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (detector.captures() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        release.countDown();
        for (Thread t : workers) {
            t.join(10_000);
        }
        assertEquals(n, detector.captures());
        for (OutlierWatch w : watches) {
            assertTrue(w.finish());
            OutlierCapture c = w.awaitCapture(10_000);
            assertTrue(c.requestThread().startsWith("worker-"));
            assertTrue(c.requestStack().contains("CountDownLatch.await"), c.requestStack());
        }
    }

    @Test
    void requestsOverdueAtOneScanShareOneDumpOfAllThreads() throws Exception {
        thresholds.observe("/burst", 500 * MS); // threshold 1 s: all three register well before it
        int n = 3;
        long start = System.nanoTime(); // one start, one deadline: the scan that finds one finds all three
        CountDownLatch release = new CountDownLatch(1);
        List<OutlierWatch> watches = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                OutlierWatch w = detector.watch("/burst", start, () -> data("x"));
                synchronized (watches) {
                    watches.add(w);
                }
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "burst-" + i);
            t.start();
            workers.add(t);
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (detector.captures() < n && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        release.countDown();
        for (Thread t : workers) {
            t.join(10_000);
        }
        assertEquals(n, detector.captures());
        List<OutlierCapture> captures = new ArrayList<>();
        for (OutlierWatch w : watches) {
            assertTrue(w.finish());
            captures.add(w.awaitCapture(10_000));
        }
        for (OutlierCapture c : captures) {
            assertTrue(c.requestStack().contains("CountDownLatch.await"), c.requestStack());
            assertTrue(c.threads().stream().anyMatch(t -> t.name().equals(c.requestThread())), c.requestThread());
            assertSame(captures.get(0).threads(), c.threads(), "one dump of all threads for the scan");
        }
        assertEquals(n, captures.stream().map(OutlierCapture::requestThread).distinct().count());
    }

    @Test
    void withATenMillisecondFloorTheWatchdogWakesAboutEveryTenMillisecondsAndStillCatchesDeadlines()
            throws Exception {
        OutlierThresholds floored = new OutlierThresholds(2.0, 1, 10 * MS);
        OutlierDetector d = new OutlierDetector(floored, new Masking(List.of(), List.of()), "floored-watchdog");
        try {
            floored.observe("/long", 5_000 * MS); // threshold 10 s: nothing is due for a while
            OutlierWatch running = d.watch("/long", System.nanoTime(), () -> data("x"));
            Thread.sleep(200); // started, past its first scans
            long scans0 = d.scans();
            Thread.sleep(1_000);
            long scans = d.scans() - scans0;
            // About 100 (one per floor); it was 500, one per 2 ms tick. A loaded machine only wakes it less.
            assertTrue(scans >= 1 && scans <= 150, scans + " scans in a second");

            // A request registered between two scans is still caught at its deadline, the floor after its start.
            floored.observe("/quick", 5 * MS); // mean 5 ms × 2 = 10 ms, the floor: threshold 10 ms
            long start = System.nanoTime();
            OutlierWatch w = d.watch("/quick", start, () -> data("x"));
            OutlierCapture c = w.awaitCapture(20_000); // this thread is the request: it waits here
            assertTrue(w.finish());
            assertNotNull(c);
            long late = c.ranForNanos() - c.thresholdNanos();
            assertEquals(10 * MS, c.thresholdNanos());
            assertTrue(late >= 0 && late <= FirstOutlierCaptureTest.LATENESS_BOUND_NANOS,
                    "captured " + late / 1e6 + " ms after its deadline");
            assertFalse(running.finish());
        } finally {
            d.close();
        }
    }

    @Test
    void capturesAreLimitedPerSecondAndTheRestAreNotOutliers() throws Exception {
        thresholds.observe("/flood", 0); // threshold 1 ns: every watched request is overdue at once
        int n = Watchdog.MAX_CAPTURES_PER_SECOND + 10;
        List<OutlierWatch> watches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            watches.add(detector.watch("/flood", System.nanoTime(), () -> data("x")));
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (detector.captures() + detector.skipped() < n && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        long outliers = 0;
        for (OutlierWatch w : watches) {
            outliers += w.finish() ? 1 : 0;
        }
        // A slow machine may spread the scans over two windows; never more captures than the limit allows.
        assertTrue(outliers >= Watchdog.MAX_CAPTURES_PER_SECOND && outliers <= 2L * Watchdog.MAX_CAPTURES_PER_SECOND,
                "outliers " + outliers);
        assertEquals(n, outliers + detector.skipped());
    }

    @Test
    void idleWatchdogIsWokenByTheNextRegistration() throws Exception {
        thresholds.observe("/idle", 5_000 * MS);
        assertFalse(detector.watch("/idle", System.nanoTime(), () -> data("x")).finish());
        Thread.sleep(2_500); // no request for longer than the idle delay: the watchdog sleeps until its next sample
        thresholds.observe("/quick", 10 * MS); // mean 10 ms (+ the /idle mean is separate): threshold 20 ms
        long start = System.nanoTime();
        OutlierWatch w = detector.watch("/quick", start, () -> data("x"));
        OutlierCapture c = w.awaitCapture(20_000);
        assertTrue(w.finish());
        assertNotNull(c);
        // Woken by the registration, not by the next sample up to a second later (generous for a loaded machine).
        assertTrue(c.ranForNanos() < 20 * MS + 500 * MS, "captured after " + c.ranForNanos() / MS + " ms");
    }

    /** OSHI's set-up held up by {@code gate}: the real sampler once the gate opens. */
    private static SystemSampling gatedSampling(CountDownLatch gate) {
        SystemSampler real = new SystemSampler();
        return new SystemSampling("gated-system", () -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            real.prepare();
        }, real::sample);
    }

    @Test
    void captureAtTheDeadlineDoesNotWaitForTheSystemSamplersSetUp() throws Exception {
        CountDownLatch oshiSetUp = new CountDownLatch(1);
        OutlierDetector slowStart = new OutlierDetector(thresholds, new Masking(List.of(), List.of()),
                "gated-watchdog", gatedSampling(oshiSetUp));
        try {
            thresholds.observe("/first", 10 * MS); // threshold 20 ms
            long start = System.nanoTime();
            OutlierWatch w = slowStart.watch("/first", start, () -> data("x"));
            // OSHI is still "setting up": the watchdog must capture the request at its deadline all the same.
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (slowStart.captures() == 0 && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            assertEquals(1, slowStart.captures(), "captured while the system sampler was still setting up");
            assertNull(slowStart.latestSystem());
            oshiSetUp.countDown();
            OutlierCapture c = w.awaitCapture(20_000);
            assertTrue(w.finish());
            assertNotNull(c);
            long late = c.ranForNanos() - c.thresholdNanos();
            assertTrue(late >= 0 && late <= FirstOutlierCaptureTest.LATENESS_BOUND_NANOS,
                    "captured " + late / 1e6 + " ms after its deadline");
            // The figures were added when the first sample came, and say so.
            assertFalse(c.system().cpuPerCore().isEmpty(), c.system().notes().toString());
            assertTrue(c.notes().stream().anyMatch(n -> n.contains("after the capture")), c.notes().toString());
        } finally {
            oshiSetUp.countDown();
            slowStart.close();
        }
    }

    @Test
    void captureGetsTheJvmFiguresWhenTheFirstSystemSampleDoesNotCome() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        OutlierDetector stuck = new OutlierDetector(thresholds, new Masking(List.of(), List.of()),
                "stuck-watchdog", gatedSampling(never));
        try {
            thresholds.observe("/stuck", 10 * MS);
            OutlierWatch w = stuck.watch("/stuck", System.nanoTime(), () -> data("x"));
            // Completed after Watchdog.SYSTEM_WAIT_NANOS, well within the store writer's 5 s wait.
            OutlierCapture c = w.awaitCapture(20_000);
            assertTrue(w.finish());
            assertNotNull(c);
            assertTrue(c.system().cpuPerCore().isEmpty());
            assertTrue(c.system().heapUsed() > 0 && c.system().threadCount() > 0);
            assertTrue(c.system().notes().get(0).contains("first sample"), c.system().notes().toString());
        } finally {
            never.countDown();
            stuck.close();
        }
    }
}
