package dev.monitordash.core.outlier;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemSamplerTest {

    @Test
    void secondSampleHasALoadForEveryLogicalProcessorAndMemoryFigures() throws Exception {
        SystemSampler sampler = new SystemSampler();
        sampler.sample();
        Thread.sleep(300);
        SystemSnapshot s = sampler.sample();
        assertEquals(Runtime.getRuntime().availableProcessors() <= s.cpuPerCore().size(), true,
                "one value per logical processor: " + s.cpuPerCore());
        for (double d : s.cpuPerCore()) {
            assertTrue(d >= 0 && d <= 100, "load in percent: " + d);
        }
        assertTrue(s.memoryTotal() > 0 && s.memoryAvailable() > 0 && s.memoryAvailable() <= s.memoryTotal());
        assertTrue(s.heapUsed() > 0 && s.threadCount() > 0 && s.peakThreadCount() >= s.threadCount());
        assertEquals(3, s.loadAverage().size());
        assertTrue(s.notes().isEmpty(), s.notes().toString());
        assertEquals(s, sampler.latest());
    }
}
