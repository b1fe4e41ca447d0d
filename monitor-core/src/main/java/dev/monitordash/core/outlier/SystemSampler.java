package dev.monitordash.core.outlier;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a fresh {@link SystemSnapshot}: CPU load per core needs two readings of the processor's tick
 * counters some time apart, so {@link SystemSampling}'s thread calls {@link #sample()} every second and a
 * capture takes the latest snapshot instead of waiting for an interval. Not thread-safe: one thread
 * prepares and samples; {@link #latest()} may be read from anywhere.
 *
 * <p>OSHI is set up by {@link #prepare()} or else on the first sample (it loads native access and reads the
 * hardware: ~100 ms, more on a loaded machine, so never on the watchdog's thread); if it fails on this
 * platform, snapshots carry the JMX figures and a note.
 */
final class SystemSampler {

    private CentralProcessor processor;
    private GlobalMemory memory;
    private String oshiProblem;
    private boolean oshiTried;
    private long[][] lastCoreTicks;
    private long[] lastTotalTicks;
    private volatile SystemSnapshot latest;

    /** The last sample, or null before the first. */
    SystemSnapshot latest() {
        return latest;
    }

    /** Takes a sample now: CPU load since the previous sample (or since OSHI was set up). */
    SystemSnapshot sample() {
        List<String> notes = new ArrayList<>();
        List<Double> perCore = new ArrayList<>();
        double total = -1;
        long memTotal = -1;
        long memAvailable = -1;
        List<Double> load = List.of(-1.0, -1.0, -1.0);
        prepare();
        if (processor != null) {
            try {
                long[][] coreTicks = processor.getProcessorCpuLoadTicks();
                long[] totalTicks = processor.getSystemCpuLoadTicks();
                if (lastCoreTicks != null && lastCoreTicks.length == coreTicks.length) {
                    for (double d : processor.getProcessorCpuLoadBetweenTicks(lastCoreTicks)) {
                        perCore.add(percent(d));
                    }
                    total = percent(processor.getSystemCpuLoadBetweenTicks(lastTotalTicks));
                } else {
                    notes.add("CPU load per core needs a second sample; none yet");
                }
                lastCoreTicks = coreTicks;
                lastTotalTicks = totalTicks;
                double[] avg = processor.getSystemLoadAverage(3);
                load = List.of(avg[0], avg[1], avg[2]);
                memTotal = memory.getTotal();
                memAvailable = memory.getAvailable();
            } catch (RuntimeException | LinkageError e) {
                notes.add("system figures unavailable: " + e);
            }
        } else {
            notes.add("system figures unavailable: " + oshiProblem);
        }
        SystemSnapshot s = withJvmFigures(perCore, total, memTotal, memAvailable, load, notes);
        latest = s;
        return s;
    }

    /**
     * A snapshot of the JVM's figures alone (JMX: memory, GC, threads; no CPU or system memory), with
     * {@code note}: for a capture that cannot wait any longer for the first sample. Any thread.
     */
    static SystemSnapshot jvmOnly(String note) {
        return withJvmFigures(List.of(), -1, -1, -1, List.of(-1.0, -1.0, -1.0), List.of(note));
    }

    private static SystemSnapshot withJvmFigures(List<Double> perCore, double total, long memTotal,
            long memAvailable, List<Double> load, List<String> notes) {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        MemoryUsage heap = mem.getHeapMemoryUsage();
        MemoryUsage nonHeap = mem.getNonHeapMemoryUsage();
        long gcCount = 0;
        long gcTime = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTime += Math.max(0, gc.getCollectionTime());
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return new SystemSnapshot(Instant.now(), perCore, total, memTotal, memAvailable,
                heap.getUsed(), heap.getCommitted(), heap.getMax(), nonHeap.getUsed(), nonHeap.getCommitted(),
                gcCount, gcTime, threads.getThreadCount(), threads.getDaemonThreadCount(),
                threads.getPeakThreadCount(), load, notes);
    }

    /** Sets OSHI up and takes the CPU ticks' baseline, once; the next sample measures the load since. */
    void prepare() {
        if (oshiTried) {
            return;
        }
        oshiTried = true;
        try {
            SystemInfo info = new SystemInfo();
            processor = info.getHardware().getProcessor();
            memory = info.getHardware().getMemory();
            lastCoreTicks = processor.getProcessorCpuLoadTicks();
            lastTotalTicks = processor.getSystemCpuLoadTicks();
        } catch (RuntimeException | LinkageError e) {
            processor = null;
            oshiProblem = e.toString();
        }
    }

    private static double percent(double fraction) {
        if (Double.isNaN(fraction) || fraction < 0) {
            return -1;
        }
        return Math.round(Math.min(1, fraction) * 1000) / 10.0;
    }
}
