package dev.monitordash.core.resource;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceSampleTest {

    static ResourceSample sample(Instant at, double cpu, double heap, double... cores) {
        double[] v = new double[ResourceMetric.values().length];
        Arrays.fill(v, Double.NaN);
        v[ResourceMetric.HOST_CPU.ordinal()] = cpu;
        v[ResourceMetric.HEAP_USED.ordinal()] = heap;
        return new ResourceSample(at, v, cores);
    }

    @Test
    void sampleSurvivesItsBlobCompactly() {
        ResourceSample s = sample(Instant.EPOCH, 42.5, 123_456_789, 10, 90);
        byte[] bytes = s.toBytes();
        assertEquals(1 + 2 + 4 * ResourceMetric.values().length + 2 + 4 * 2, bytes.length);
        ResourceSample back = ResourceSample.fromBytes(Instant.EPOCH, bytes);
        assertEquals(42.5, back.value(ResourceMetric.HOST_CPU));
        assertEquals(123_456_789, back.value(ResourceMetric.HEAP_USED), 123_456_789 * 1e-7);
        assertTrue(Double.isNaN(back.value(ResourceMetric.DISK_USED)));
        assertArrayEquals(new double[] {10, 90}, back.cores());
    }

    @Test
    void percentOfAWholeIsWhatAMemoryConditionCompares() {
        double[] v = new double[ResourceMetric.values().length];
        Arrays.fill(v, Double.NaN);
        v[ResourceMetric.HOST_MEMORY_USED.ordinal()] = 12e9;
        v[ResourceMetric.HOST_MEMORY_TOTAL.ordinal()] = 16e9;
        v[ResourceMetric.HOST_SWAP_TOTAL.ordinal()] = 0;
        ResourceSample s = new ResourceSample(Instant.EPOCH, v, new double[0]);
        assertEquals(75, s.percent(ResourceMetric.HOST_MEMORY_USED, ResourceMetric.HOST_MEMORY_TOTAL), 1e-9);
        assertTrue(Double.isNaN(s.percent(ResourceMetric.HOST_SWAP_USED, ResourceMetric.HOST_SWAP_TOTAL)));
        assertTrue(Double.isNaN(s.percent(ResourceMetric.DISK_USED, ResourceMetric.DISK_TOTAL)));
    }

    @Test
    void blobOfAnOlderFormatWithFewerFiguresReadsTheRestAsMissing() {
        byte[] bytes = {1, 0, 1, 0x42, 0x28, 0, 0, 0, 0}; // one figure (host.cpu = 42.0), no cores
        ResourceSample s = ResourceSample.fromBytes(Instant.EPOCH, bytes);
        assertEquals(42.0, s.value(ResourceMetric.HOST_CPU));
        assertTrue(Double.isNaN(s.value(ResourceMetric.HEAP_USED)));
    }

    @Test
    void brokenBlobsAreRefusedWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> ResourceSample.fromBytes(Instant.EPOCH, new byte[] {9}));
        assertThrows(IllegalArgumentException.class, () -> ResourceSample.fromBytes(Instant.EPOCH, new byte[] {1, 0, 5}));
        assertThrows(IllegalArgumentException.class, () -> ResourceSummary.fromBytes(new byte[] {1, 0}));
    }

    @Test
    void summariesAddUpToMeanMinAndMaxAndMergeLikeTheirSamples() {
        ResourceSummary a = ResourceSummary.of(sample(Instant.EPOCH, 10, 100, 0, 20));
        a.add(sample(Instant.EPOCH, 30, 300, 10, 40));
        ResourceSummary b = ResourceSummary.of(sample(Instant.EPOCH, 80, Double.NaN, 50, 60, 70));
        a.merge(ResourceSummary.fromBytes(b.toBytes()));
        ResourceSummary back = ResourceSummary.fromBytes(a.toBytes());
        assertEquals(40, back.mean(ResourceMetric.HOST_CPU), 1e-9);
        assertEquals(10, back.min(ResourceMetric.HOST_CPU));
        assertEquals(80, back.max(ResourceMetric.HOST_CPU));
        assertEquals(3, back.count(ResourceMetric.HOST_CPU));
        assertEquals(2, back.count(ResourceMetric.HEAP_USED));
        assertEquals(200, back.mean(ResourceMetric.HEAP_USED), 1e-9);
        assertTrue(Double.isNaN(back.mean(ResourceMetric.GC_TIME)));
        assertArrayEquals(new double[] {20, 40, 70}, back.coreMeans(), 1e-9);
    }

    @Test
    void stepsKeepEveryRangeWithinAChartsWidth() {
        assertEquals(ResourceHistory.Source.SAMPLES, ResourceHistory.sourceFor(Duration.ofHours(1)));
        assertEquals(10, ResourceHistory.stepFor(Duration.ofHours(1), ResourceHistory.Source.SAMPLES));
        assertEquals(ResourceHistory.Source.MINUTES, ResourceHistory.sourceFor(Duration.ofDays(1)));
        assertEquals(120, ResourceHistory.stepFor(Duration.ofDays(1), ResourceHistory.Source.MINUTES));
        assertEquals(900, ResourceHistory.stepFor(Duration.ofDays(7), ResourceHistory.Source.MINUTES));
        assertEquals(ResourceHistory.Source.HOURS, ResourceHistory.sourceFor(Duration.ofDays(30)));
        assertEquals(3600, ResourceHistory.stepFor(Duration.ofDays(30), ResourceHistory.Source.HOURS));
    }
}
