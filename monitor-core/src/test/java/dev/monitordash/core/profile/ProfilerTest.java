package dev.monitordash.core.profile;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilerTest {

    final Profiler profiler = new Profiler(5_000_000L, "test-profiler");

    @AfterEach
    void close() {
        profiler.close();
    }

    @Test
    void methodWhereARequestSpendsMostOfItsTimeGetsAtLeastEightyPercentOfTheSamples() throws Exception {
        ProfiledRequest r = profiler.start("/work");
        long start = System.nanoTime();
        spinInKnownMethod(400);
        quickWork();
        r.finish();
        Profile p = r.profile(System.nanoTime() - start);

        assertTrue(p.samples() >= 10, "samples " + p.samples());
        long hits = p.tree().hitsOf("spinInKnownMethod");
        assertTrue(hits >= 0.8 * p.samples(), hits + " of " + p.samples());
        assertEquals(p.durationNanos(), p.nanosOf(p.tree().root()), 1.0);
    }

    @Test
    void oneSamplerThreadForManyProfiledRequests() throws Exception {
        int before = Thread.activeCount();
        List<ProfiledRequest> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(profiler.start("/many"));
        }
        assertTrue(Thread.activeCount() <= before + 1);
        all.forEach(ProfiledRequest::finish);
    }

    @Test
    void noSamplesAfterTheRequestFinished() throws Exception {
        ProfiledRequest r = profiler.start("/done");
        spinInKnownMethod(50);
        r.finish();
        long samples = r.profile(1).samples();
        spinInKnownMethod(100);
        assertEquals(samples, r.profile(1).samples());
    }

    @Test
    void mergedTreesAddTheirHits() {
        CallTree a = new CallTree();
        a.add(new StackTraceElement[] {new StackTraceElement("A", "leaf", null, 1), new StackTraceElement("A", "main", null, 1)});
        CallTree b = new CallTree();
        b.add(new StackTraceElement[] {new StackTraceElement("A", "main", null, 1)});
        a.merge(b);
        assertEquals(2, a.samples());
        assertEquals(2, a.hitsOf("A.main"));
        assertEquals(1, a.hitsOf("A.leaf"));
    }

    static void spinInKnownMethod(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + System.nanoTime());
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    static void quickWork() {
        Math.sqrt(System.nanoTime());
    }
}
