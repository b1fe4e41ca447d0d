package dev.monitordash.core.alert;

import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Resource readings from OSHI (host CPU and memory) and the JVM's own beans (heap, threads) and file
 * system (disk). CPU is the host's load between two readings, so the first reading has none and later
 * ones cover one evaluation period. Set up lazily on the evaluation thread (OSHI takes ~100 ms to start);
 * if OSHI fails on this platform, CPU and memory are left out and the JVM figures still come.
 */
final class HostResources implements ResourceReadings {

    private final Path disk;
    private CentralProcessor processor;
    private GlobalMemory memory;
    private boolean oshiTried;
    private long[] lastTicks;

    /** @param disk a path on the volume whose use is read (the store's SQLite file, else the working directory) */
    HostResources(Path disk) {
        this.disk = disk;
    }

    @Override
    public synchronized Map<Metric, Double> read() {
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        prepare();
        if (processor != null) {
            try {
                long[] ticks = processor.getSystemCpuLoadTicks();
                if (lastTicks != null) {
                    double load = processor.getSystemCpuLoadBetweenTicks(lastTicks);
                    if (load >= 0 && !Double.isNaN(load)) {
                        out.put(Metric.CPU, round(100 * load));
                    }
                }
                lastTicks = ticks;
                long total = memory.getTotal();
                if (total > 0) {
                    out.put(Metric.MEMORY, round(100.0 * (total - memory.getAvailable()) / total));
                }
            } catch (RuntimeException | LinkageError e) {
                // left out: the rule sees no data
            }
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        if (max > 0) {
            out.put(Metric.HEAP, round(100.0 * heap.getUsed() / max));
        }
        out.put(Metric.THREADS, (double) ManagementFactory.getThreadMXBean().getThreadCount());
        File volume = existing(disk);
        if (volume != null && volume.getTotalSpace() > 0) {
            out.put(Metric.DISK, round(100.0 * (volume.getTotalSpace() - volume.getUsableSpace()) / volume.getTotalSpace()));
        }
        return out;
    }

    private void prepare() {
        if (oshiTried) {
            return;
        }
        oshiTried = true;
        try {
            SystemInfo info = new SystemInfo();
            processor = info.getHardware().getProcessor();
            memory = info.getHardware().getMemory();
            lastTicks = processor.getSystemCpuLoadTicks();
        } catch (RuntimeException | LinkageError e) {
            processor = null;
        }
    }

    private static File existing(Path p) {
        for (Path at = p.toAbsolutePath(); at != null; at = at.getParent()) {
            if (at.toFile().exists()) {
                return at.toFile();
            }
        }
        return null;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
