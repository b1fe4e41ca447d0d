package dev.monitordash.core.tests;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RunningTestsTest {

    @AfterEach
    void end() {
        RunningTests.finished();
    }

    private static String onAnotherThread(String header) throws InterruptedException {
        AtomicReference<String> seen = new AtomicReference<>();
        Thread t = new Thread(() -> seen.set(RunningTests.forRequest(header)));
        t.start();
        t.join();
        return seen.get();
    }

    @Test
    void aRequestOnTheTestsThreadBelongsToItAndOnAServerThreadToTheOnlyRunningTest() throws Exception {
        RunningTests.started("a.T#one");
        assertEquals("a.T#one", RunningTests.forRequest(null));
        assertEquals("a.T#one", onAnotherThread(null));
        RunningTests.finished();
        assertNull(onAnotherThread(null));
    }

    @Test
    void withTwoTestsAtOnceOnlyTheHeaderOfARunningTestTellsWhich() throws Exception {
        RunningTests.started("a.T#one");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            RunningTests.started("a.T#two");
            started.countDown();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            RunningTests.finished();
        });
        other.start();
        started.await();
        try {
            assertNull(onAnotherThread(null), "two tests running: no guess");
            assertEquals("a.T#two", onAnotherThread("a.T#two"));
            assertNull(onAnotherThread("a.T#planted"), "a header naming no running test is not believed");
            assertEquals("a.T#one", RunningTests.forRequest("a.T#two"), "the test's own thread wins");
        } finally {
            done.countDown();
            other.join();
        }
    }
}
