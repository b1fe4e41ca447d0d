package dev.monitordash.core.resource;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.core.record.StoreState;
import dev.monitordash.core.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceRecorderTest {

    @TempDir
    Path dir;

    /** A store that fails while {@code down}, and keeps what it was given otherwise. */
    static final class FlakyStore implements ResourceStore {
        volatile boolean down;
        final List<List<ResourceSample>> writes = new ArrayList<>();

        @Override
        public void write(List<ResourceSample> samples, Origin origin) {
            if (down) {
                throw new StoreException("store is down");
            }
            writes.add(List.copyOf(samples));
        }

        @Override
        public ResourceHistory history(Instant from, Instant to, String instance, long stepSeconds) {
            throw new UnsupportedOperationException();
        }
    }

    private ResourceSampler sampler() {
        return new ResourceSampler(null, () -> new PipelineStats(0, 0, 0, 0, 0, 0, StoreState.OK, null),
                Clock.systemUTC());
    }

    @Test
    void samplesTheStoreCouldNotTakeAreWrittenWithTheNextOne() {
        FlakyStore store = new FlakyStore();
        ResourceRecorder recorder = new ResourceRecorder(sampler(), store, new Origin("1", "s", "i"), Duration.ofSeconds(10));
        store.down = true;
        recorder.sampleAndWrite();
        recorder.sampleAndWrite();
        assertEquals(2, recorder.series().window(Duration.ofHours(1)).size(), "kept in memory all the same");
        store.down = false;
        recorder.sampleAndWrite();
        assertEquals(1, store.writes.size());
        assertEquals(3, store.writes.get(0).size(), "the two waiting samples and the new one, in one write");
        recorder.sampleAndWrite();
        assertEquals(1, store.writes.get(1).size());
        assertEquals(0, recorder.samplesDropped());
    }

    @Test
    void aLongOutageKeepsTheNewestHourAndCountsWhatItDropped() {
        FlakyStore store = new FlakyStore();
        // 10 minutes: 6 samples an hour would be kept, but never fewer than 60.
        ResourceRecorder recorder = new ResourceRecorder(sampler(), store, new Origin("1", "s", "i"), Duration.ofMinutes(10));
        store.down = true;
        for (int i = 0; i < 65; i++) {
            recorder.sampleAndWrite();
        }
        store.down = false;
        recorder.sampleAndWrite();
        assertEquals(60, store.writes.get(0).size());
        assertEquals(6, recorder.samplesDropped());
    }

    /** Counted, not looked for: a monitor another test left open has its own. */
    private static long resourceThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("monitordash-resources") && t.isAlive()).count();
    }

    @Test
    void aMonitorSamplesIntoItsStoreAndStopsItsThreadWhenClosed() throws Exception {
        MonitorConfig config = MonitorConfig.builder().databaseUrl("jdbc:sqlite:" + dir.resolve("m.db"))
                .instanceName("node-9").resourcesPeriod(Duration.ofSeconds(1)).build();
        Instant start = Instant.now();
        long before = resourceThreads();
        try (Monitor monitor = Monitor.start(config)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            ResourceHistory h;
            do {
                Thread.sleep(100);
                h = monitor.store().resources().history(start.minusSeconds(10), Instant.now().plusSeconds(10), null);
            } while ((h.instances().isEmpty() || h.instances().get(0).points().size() < 2) && System.nanoTime() < deadline);
            assertEquals("node-9", h.instances().get(0).instance());
            assertTrue(h.instances().get(0).points().size() >= 2);
            assertTrue(monitor.resources().latest().isPresent());
            assertEquals(before + 1, resourceThreads());
        }
        assertEquals(before, resourceThreads(), "closing the monitor ends its resource thread");
    }

    @Test
    void periodZeroStartsNoThread() {
        MonitorConfig config = MonitorConfig.builder().databaseUrl("jdbc:sqlite:" + dir.resolve("off.db"))
                .resourcesPeriod(Duration.ZERO).build();
        long before = resourceThreads();
        try (Monitor monitor = Monitor.start(config)) {
            assertEquals(before, resourceThreads());
            assertTrue(monitor.resources().latest().isEmpty());
            assertEquals(List.of(), monitor.resources().window(Duration.ofHours(1)));
        }
    }
}
