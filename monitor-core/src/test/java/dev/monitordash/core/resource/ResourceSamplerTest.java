package dev.monitordash.core.resource;

import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.core.record.StoreState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceSamplerTest {

    @TempDir
    Path dir;

    @Test
    void secondSampleHasHostJvmDiskAndPipelineFigures() throws Exception {
        AtomicLong written = new AtomicLong(1_000);
        ResourceSampler sampler = new ResourceSampler(dir.resolve("not-yet/monitordash.db"),
                () -> new PipelineStats(written.get() + 5, written.get(), 0, 0, 0, 5, StoreState.OK, null),
                Clock.systemUTC());
        ResourceSample first = sampler.sample();
        assertTrue(Double.isNaN(first.value(ResourceMetric.PROCESS_CPU)), "a rate needs two samples");
        long spin = System.nanoTime() + 300_000_000L;
        double x = 0;
        while (System.nanoTime() < spin) {
            x += Math.sqrt(x + 1); // some CPU for the process figure
        }
        written.addAndGet(3_000);
        ResourceSample s = sampler.sample();
        assertTrue(x > 0);
        double cpu = s.value(ResourceMetric.HOST_CPU);
        assertTrue(cpu >= 0 && cpu <= 100, "host cpu " + cpu);
        double process = s.value(ResourceMetric.PROCESS_CPU);
        assertTrue(process > 0 && process <= 100, "process cpu " + process);
        assertEquals(Runtime.getRuntime().availableProcessors(), s.cores().length);
        assertTrue(s.value(ResourceMetric.HOST_MEMORY_USED) > 0
                && s.value(ResourceMetric.HOST_MEMORY_USED) < s.value(ResourceMetric.HOST_MEMORY_TOTAL));
        assertTrue(s.value(ResourceMetric.DISK_TOTAL) > s.value(ResourceMetric.DISK_USED));
        assertTrue(s.value(ResourceMetric.HEAP_USED) > 0);
        assertTrue(s.value(ResourceMetric.THREADS_LIVE) >= s.value(ResourceMetric.THREADS_DAEMON));
        assertTrue(s.value(ResourceMetric.HOST_LOAD_1) >= 0);
        assertEquals(5, s.value(ResourceMetric.PIPELINE_QUEUED));
        double perSecond = s.value(ResourceMetric.PIPELINE_WRITTEN);
        // 3 000 more written over the time between the samples: at least the 0.3 s spin, at most (a very
        // loaded machine) a minute.
        assertTrue(perSecond > 3_000 / 60.0 && perSecond <= 3_000 / 0.3 + 1, "written per second " + perSecond);
    }

    @Test
    void withoutAVolumeDiskFiguresAreMissing() {
        ResourceSampler sampler = new ResourceSampler(null,
                () -> new PipelineStats(0, 0, 0, 0, 0, 0, StoreState.OK, null), Clock.systemUTC());
        ResourceSample s = sampler.sample();
        assertTrue(Double.isNaN(s.value(ResourceMetric.DISK_USED)));
        assertTrue(s.value(ResourceMetric.HEAP_USED) > 0);
    }
}
