package dev.monitordash.benchmarks;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.MonitorConfig;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What the resource thread costs: a real {@link Monitor} over a SQLite file samples every second (so a
 * run is short), and the thread's own CPU time (ThreadMXBean) is read after its second sample (OSHI's
 * set-up and the first write out of the way) and after {@code samples} more. Every round is what the
 * default period does once every 10 s: one OSHI and JVM-bean sample, one transaction writing the sample
 * and adding it to its minute and hour rows. The share of one core at a period P is CPU per round / P.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.monitordash.benchmarks.ResourceSamplingCost [samples [period-seconds]]</pre>
 */
public final class ResourceSamplingCost {

    static final String THREAD = "monitordash-resources";

    private ResourceSamplingCost() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int period = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path dir = Files.createTempDirectory("monitordash-resources-cost");
        MonitorConfig config = MonitorConfig.builder()
                .databaseUrl("jdbc:sqlite:" + dir.resolve("monitordash.db"))
                .resourcesPeriod(Duration.ofSeconds(period))
                .build();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (Monitor monitor = Monitor.start(config)) {
            awaitSamples(monitor, 2);
            long id = threadId();
            long cpu0 = threads.getThreadCpuTime(id);
            int taken0 = taken(monitor);
            long wall0 = System.nanoTime();
            awaitSamples(monitor, taken0 + samples);
            long cpu1 = threads.getThreadCpuTime(id);
            int taken = taken(monitor) - taken0;
            double seconds = (System.nanoTime() - wall0) / 1e9;
            double perSample = (cpu1 - cpu0) / 1e6 / taken;
            System.out.printf(Locale.ROOT, "samples %d in %.1f s (period %d s)%n", taken, seconds, period);
            System.out.printf(Locale.ROOT, "resource thread CPU per sample (sample + store): %.2f ms%n", perSample);
            System.out.printf(Locale.ROOT, "share of one core at the default 10 s period: %.4f %%%n",
                    perSample / 10_000 * 100);
            System.out.printf(Locale.ROOT, "share of one core at the smallest period, 1 s: %.3f %%%n", perSample / 1_000 * 100);
            System.out.printf(Locale.ROOT, "measured share of one core over the run: %.4f %%%n",
                    (cpu1 - cpu0) / 1e9 / seconds * 100);
        }
    }

    private static int taken(Monitor monitor) {
        return monitor.resources().window(Duration.ofDays(1)).size();
    }

    private static void awaitSamples(Monitor monitor, int n) throws InterruptedException {
        while (taken(monitor) < n) {
            Thread.sleep(50);
        }
    }

    private static long threadId() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(THREAD)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + THREAD + " thread")).getId();
    }
}
