package dev.monitordash.core.virtualthreads;

import dev.monitordash.core.outlier.ThreadCaptureProbe;
import dev.monitordash.core.profile.Profile;
import dev.monitordash.core.profile.ProfiledRequest;
import dev.monitordash.core.profile.Profiler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests served on virtual threads (JDK 21+), for which {@code ThreadMXBean} gives no thread info:
 * the profiler and the outlier capture fall back to {@link Thread#getStackTrace()} and never throw.
 * The code is built for Java 17, so this class runs in its own surefire execution on the machine's
 * newer JDK (monitor-core's pom, profile {@code virtual-threads}); it is excluded from the Java 17 run.
 */
class VirtualThreadRequestTest {

    @Test
    void aVirtualThreadsRequestIsProfiledThroughItsPlainStack() throws Exception {
        try (Profiler profiler = new Profiler(TimeUnit.MILLISECONDS.toNanos(2), "test-profiler")) {
            AtomicReference<Profile> profile = new AtomicReference<>();
            join(startVirtual(() -> {
                ProfiledRequest r = profiler.start("/virtual");
                long start = System.nanoTime();
                spinInKnownMethod(300);
                r.finish();
                profile.set(r.profile(System.nanoTime() - start));
            }));

            Profile p = profile.get();
            assertTrue(p.samples() >= 10, "samples of a virtual thread: " + p.samples());
            long hits = p.tree().hitsOf("spinInKnownMethod");
            assertTrue(hits >= 0.8 * p.samples(), hits + " of " + p.samples());
        }
    }

    @Test
    void anOutlierOnAVirtualThreadGetsItsStackWithoutThrowing() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread request = startVirtual(() -> blockInKnownMethod(inside, release));
        assertTrue(inside.await(30, TimeUnit.SECONDS));
        try {
            List<String> notes = new ArrayList<>();
            String stack = ThreadCaptureProbe.stackOf(request, notes);

            assertTrue(stack.contains("blockInKnownMethod"), stack);
            assertEquals(List.of(), notes, "the fallback is silent when it works");
        } finally {
            release.countDown();
            join(request);
        }
    }

    private static Thread startVirtual(Runnable task) throws ReflectiveOperationException {
        // Thread.ofVirtual().start(task), by reflection: the code base compiles for Java 17.
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> builderType = Class.forName("java.lang.Thread$Builder");
        Thread thread = (Thread) builderType.getMethod("start", Runnable.class).invoke(builder, task);
        assertTrue((Boolean) Thread.class.getMethod("isVirtual").invoke(thread), "a virtual thread");
        return thread;
    }

    private static void join(Thread thread) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(!thread.isAlive(), "the virtual thread ended");
    }

    static long sink;

    static void spinInKnownMethod(long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = 1;
        while (System.nanoTime() < end) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        sink += x;
    }

    static void blockInKnownMethod(CountDownLatch inside, CountDownLatch release) {
        inside.countDown();
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
