package dev.monitordash.core.alert;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real readings of this machine through OSHI and the JVM's beans. */
class HostResourcesTest {

    @TempDir
    Path dir;

    @Test
    void readsHeapThreadsDiskAndMemoryAtOnceAndCpuFromTheSecondReading() throws Exception {
        HostResources host = new HostResources(dir.resolve("not-yet/monitordash.db"));
        Map<Metric, Double> first = host.read();
        for (Metric m : new Metric[] {Metric.HEAP, Metric.MEMORY, Metric.DISK}) {
            double v = first.get(m);
            assertTrue(v >= 0 && v <= 100, m + " " + v);
        }
        assertTrue(first.get(Metric.THREADS) >= 1);
        Thread.sleep(200);
        Map<Metric, Double> second = host.read();
        double cpu = second.get(Metric.CPU);
        assertTrue(cpu >= 0 && cpu <= 100, "cpu " + cpu);
        assertFalse(second.containsKey(Metric.P95), "only resource metrics");
    }
}
