package dev.monitordash.core.outlier;

import java.time.Instant;
import java.util.List;

/**
 * The machine and JVM at one moment, as an outlier keeps it. Memory in bytes; CPU loads in percent
 * (0-100) over the sampler's last interval; -1 where the platform does not tell.
 *
 * @param cpuPerCore  load of each logical processor, in processor order; empty when unavailable
 * @param loadAverage 1, 5 and 15 minute load averages (negative where unavailable)
 * @param gcTimeMillis summed over all collectors
 */
public record SystemSnapshot(
        Instant sampledAt,
        List<Double> cpuPerCore,
        double cpuTotal,
        long memoryTotal,
        long memoryAvailable,
        long heapUsed,
        long heapCommitted,
        long heapMax,
        long nonHeapUsed,
        long nonHeapCommitted,
        long gcCount,
        long gcTimeMillis,
        int threadCount,
        int daemonThreadCount,
        int peakThreadCount,
        List<Double> loadAverage,
        List<String> notes) {

    public SystemSnapshot {
        cpuPerCore = List.copyOf(cpuPerCore);
        loadAverage = List.copyOf(loadAverage);
        notes = List.copyOf(notes);
    }
}
