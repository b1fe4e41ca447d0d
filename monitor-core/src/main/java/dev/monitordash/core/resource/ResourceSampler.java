package dev.monitordash.core.resource;

import dev.monitordash.core.record.PipelineStats;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.VirtualMemory;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Takes one {@link ResourceSample}: host figures from OSHI (CPU ticks, load, memory, swap), the disk of
 * the store's volume from the file system, the JVM's from its own beans, and the monitor's pipeline
 * counters. CPU, GC and pipeline rates are differences to the previous sample, so the first sample has
 * none of them. Not thread-safe: one thread samples.
 *
 * <p>OSHI is set up on the first sample (~100 ms: it loads native access), on the sampling thread; if it
 * fails on this platform, samples carry the JVM's figures and the host's are missing (NaN).
 */
public final class ResourceSampler {

    private final Path volume;
    private final Supplier<PipelineStats> pipeline;
    private final Clock clock;
    private final MemoryMXBean memoryBean = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final int processors = Runtime.getRuntime().availableProcessors();

    private boolean oshiTried;
    private String oshiProblem;
    private CentralProcessor processor;
    private GlobalMemory memory;
    private VirtualMemory swap;
    private long[][] lastCoreTicks;
    private long[] lastTotalTicks;

    private long lastNanos;
    private long lastProcessCpu = -1;
    private long lastGcCount = -1;
    private long lastGcMillis = -1;
    private PipelineStats lastStats;

    /**
     * @param volume   a path on the volume whose disk use is sampled (the SQLite file's directory); null
     *                 when the store has none here (PostgreSQL): disk figures are then missing
     * @param pipeline the monitor's record pipeline counters
     */
    public ResourceSampler(Path volume, Supplier<PipelineStats> pipeline, Clock clock) {
        this.volume = volume;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /** Why host figures are missing; null while OSHI works (or has not been tried). */
    public String hostProblem() {
        return oshiProblem;
    }

    public ResourceSample sample() {
        double[] v = new double[ResourceMetric.values().length];
        Arrays.fill(v, Double.NaN);
        long now = System.nanoTime();
        double seconds = lastNanos == 0 ? 0 : (now - lastNanos) / 1e9;
        lastNanos = now;
        double[] cores = host(v);
        disk(v);
        jvm(v, seconds);
        pipeline(v, seconds);
        return new ResourceSample(clock.instant(), v, cores);
    }

    private double[] host(double[] v) {
        prepare();
        if (processor == null) {
            return new double[0];
        }
        double[] cores = new double[0];
        try {
            long[][] coreTicks = processor.getProcessorCpuLoadTicks();
            long[] totalTicks = processor.getSystemCpuLoadTicks();
            if (lastCoreTicks != null && lastCoreTicks.length == coreTicks.length) {
                cores = processor.getProcessorCpuLoadBetweenTicks(lastCoreTicks);
                for (int i = 0; i < cores.length; i++) {
                    cores[i] = percent(cores[i]);
                }
                v[ResourceMetric.HOST_CPU.ordinal()] = percent(processor.getSystemCpuLoadBetweenTicks(lastTotalTicks));
            }
            lastCoreTicks = coreTicks;
            lastTotalTicks = totalTicks;
            double[] load = processor.getSystemLoadAverage(3);
            set(v, ResourceMetric.HOST_LOAD_1, load[0]);
            set(v, ResourceMetric.HOST_LOAD_5, load[1]);
            set(v, ResourceMetric.HOST_LOAD_15, load[2]);
            long total = memory.getTotal();
            v[ResourceMetric.HOST_MEMORY_TOTAL.ordinal()] = total;
            v[ResourceMetric.HOST_MEMORY_USED.ordinal()] = total - memory.getAvailable();
            set(v, ResourceMetric.HOST_SWAP_TOTAL, swap.getSwapTotal());
            set(v, ResourceMetric.HOST_SWAP_USED, swap.getSwapUsed());
        } catch (RuntimeException | LinkageError e) {
            oshiProblem = e.toString();
        }
        return cores;
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
            swap = memory.getVirtualMemory();
            lastCoreTicks = processor.getProcessorCpuLoadTicks();
            lastTotalTicks = processor.getSystemCpuLoadTicks();
        } catch (RuntimeException | LinkageError e) {
            processor = null;
            oshiProblem = e.toString();
        }
    }

    private void disk(double[] v) {
        if (volume == null) {
            return;
        }
        try {
            FileStore store = Files.getFileStore(existing(volume));
            long total = store.getTotalSpace();
            v[ResourceMetric.DISK_TOTAL.ordinal()] = total;
            v[ResourceMetric.DISK_USED.ordinal()] = total - store.getUnallocatedSpace();
        } catch (IOException | RuntimeException e) {
            // The directory may not exist yet (the writer creates the file): no disk figures this time.
        }
    }

    /** The path itself or its nearest existing parent: the SQLite file exists only after the first write. */
    private static Path existing(Path p) {
        Path at = p.toAbsolutePath();
        while (at != null && !Files.exists(at)) {
            at = at.getParent();
        }
        return at == null ? p.toAbsolutePath().getRoot() : at;
    }

    private void jvm(double[] v, double seconds) {
        MemoryUsage heap = memoryBean.getHeapMemoryUsage();
        MemoryUsage nonHeap = memoryBean.getNonHeapMemoryUsage();
        v[ResourceMetric.HEAP_USED.ordinal()] = heap.getUsed();
        v[ResourceMetric.HEAP_COMMITTED.ordinal()] = heap.getCommitted();
        set(v, ResourceMetric.HEAP_MAX, heap.getMax());
        v[ResourceMetric.NON_HEAP_USED.ordinal()] = nonHeap.getUsed();
        v[ResourceMetric.NON_HEAP_COMMITTED.ordinal()] = nonHeap.getCommitted();
        v[ResourceMetric.THREADS_LIVE.ordinal()] = threadBean.getThreadCount();
        v[ResourceMetric.THREADS_DAEMON.ordinal()] = threadBean.getDaemonThreadCount();
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long cpu = processCpuNanos();
        if (seconds > 0) {
            v[ResourceMetric.GC_COUNT.ordinal()] = (gcCount - lastGcCount) / seconds;
            v[ResourceMetric.GC_TIME.ordinal()] = Math.min(100, (gcMillis - lastGcMillis) / (seconds * 10));
            if (cpu >= 0 && lastProcessCpu >= 0) {
                v[ResourceMetric.PROCESS_CPU.ordinal()] = Math.min(100,
                        Math.max(0, (cpu - lastProcessCpu) / (seconds * 1e7 * processors)));
            }
        }
        lastGcCount = gcCount;
        lastGcMillis = gcMillis;
        lastProcessCpu = cpu;
    }

    // The JDK's own bean: every JVM we run on has it (HotSpot, OpenJ9); -1 where it does not.
    private long processCpuNanos() {
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return -1;
    }

    private void pipeline(double[] v, double seconds) {
        PipelineStats s = pipeline.get();
        v[ResourceMetric.PIPELINE_QUEUED.ordinal()] = s.queued();
        if (seconds > 0 && lastStats != null) {
            v[ResourceMetric.PIPELINE_WRITTEN.ordinal()] = Math.max(0, s.written() - lastStats.written()) / seconds;
            v[ResourceMetric.PIPELINE_DROPPED.ordinal()] = Math.max(0, s.dropped() - lastStats.dropped()) / seconds;
        }
        lastStats = s;
    }

    private static void set(double[] v, ResourceMetric m, double value) {
        v[m.ordinal()] = value < 0 ? Double.NaN : value; // OSHI and JMX say "unknown" with a negative value
    }

    private static double percent(double fraction) {
        return Double.isNaN(fraction) || fraction < 0 ? Double.NaN : Math.min(1, fraction) * 100;
    }
}
