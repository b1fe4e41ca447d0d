package dev.monitordash.core.outlier;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadCaptureTest {

    final ThreadCapture capture = new ThreadCapture();

    @Test
    void deepStackIsCutAtTheMaximumDepthWithAVisibleMark() {
        List<String> notes = new ArrayList<>();
        String stack = recurse(50, () -> capture.stackOf(Thread.currentThread(), 10, notes));
        String[] lines = stack.split("\n");
        assertEquals(11, lines.length);
        assertEquals(Truncation.MARK, lines[10]);
        assertTrue(lines[0].startsWith("at "));
        assertTrue(notes.isEmpty());
    }

    @Test
    void dumpKeepsTheConfiguredNumberOfThreadsAndFramesPerThread() {
        ThreadCapture small = new ThreadCapture(new OutlierLimits(10, 3, 2, 1_000_000, 10, 100));
        List<String> notes = new ArrayList<>();
        List<CapturedThread> dump = small.dumpAll(notes);
        assertEquals(2, dump.size(), notes::toString);
        for (CapturedThread t : dump) {
            long frames = t.stack().lines().filter(l -> l.startsWith("at ")).count();
            assertTrue(frames <= 3, t.stack());
        }
        assertTrue(notes.stream().anyMatch(n -> n.contains(Truncation.MARK)), notes::toString);
    }

    @Test
    void shallowStackIsNotMarked() {
        StackTraceElement[] frames = new Throwable().getStackTrace();
        assertFalse(ThreadCapture.format(frames, frames.length, null).contains(Truncation.MARK));
    }

    @Test
    void dumpHasEveryThreadWithStateAndTheLockItWaitsOn() throws Exception {
        Object lock = new Object();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            synchronized (lock) {
                holding.countDown();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "lock-holder");
        Thread blocked = new Thread(() -> {
            synchronized (lock) {
                lock.hashCode();
            }
        }, "lock-waiter");
        holder.start();
        holding.await();
        blocked.start();
        try {
            long end = System.nanoTime() + 20_000_000_000L;
            while (blocked.getState() != Thread.State.BLOCKED && System.nanoTime() < end) {
                Thread.sleep(5);
            }
            List<CapturedThread> dump = capture.dumpAll(new ArrayList<>());
            CapturedThread waiter = dump.stream().filter(t -> t.name().equals("lock-waiter")).findFirst().orElseThrow();
            assertEquals("BLOCKED", waiter.state());
            assertTrue(waiter.lockOwner().contains("lock-holder"), waiter.lockOwner());
            CapturedThread h = dump.stream().filter(t -> t.name().equals("lock-holder")).findFirst().orElseThrow();
            assertTrue(h.stack().contains("- locked "), h.stack());
            assertTrue(dump.stream().anyMatch(t -> t.id() == Thread.currentThread().getId()));
        } finally {
            done.countDown();
            holder.join();
            blocked.join();
        }
    }

    @Test
    void threadThatEndedGivesAnEmptyStackAndANoteNeverAnException() throws Exception {
        Thread t = new Thread(() -> { });
        t.start();
        t.join();
        List<String> notes = new ArrayList<>();
        assertEquals("", capture.stackOf(t, 10, notes));
        assertEquals(1, notes.size());
    }

    private static String recurse(int depth, java.util.function.Supplier<String> atBottom) {
        return depth == 0 ? atBottom.get() : recurse(depth - 1, atBottom);
    }
}
