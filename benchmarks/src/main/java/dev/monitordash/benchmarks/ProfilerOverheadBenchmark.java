package dev.monitordash.benchmarks;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.version.VersionInfo;
import dev.monitordash.servlet.MonitoringFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Level 3 on a 50 ms endpoint that computes all the time (the worst case: every sample stops a running
 * thread at a safepoint), sampled every 5 ms, against the same request at level 1. The work is a fixed
 * number of iterations calibrated to about 50 ms at setup (work bounded by the clock would hide the
 * overhead). The store discards
 * records, so the profile's tree is built but not written. Issue target: ≤ 3 % overhead.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar ProfilerOverhead</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class ProfilerOverheadBenchmark {

    static final long WORK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private long iterations;
    public long sink;

    private Monitor monitor;
    private MonitoringFilter filter;
    private HttpServletRequest level1;
    private HttpServletRequest level3;
    private StubExchange.Response response;
    private final FilterChain chain = (request, response) -> {
        sink += compute(iterations);
        ((StubExchange.Response) response).setStatus(200);
    };

    static long compute(long n) {
        long x = 1;
        for (long i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            x ^= x >>> 29;
        }
        return x;
    }

    private void calibrate() {
        long n = 1_000_000;
        for (int round = 0; round < 5; round++) { // warm the loop up, then scale to 50 ms
            long t0 = System.nanoTime();
            sink += compute(n);
            long took = System.nanoTime() - t0;
            n = Math.max(1, (long) (n * (double) WORK_NANOS / Math.max(1, took)));
        }
        iterations = n;
    }

    @Setup(Level.Trial)
    public void start() {
        calibrate();
        MonitorConfig config = MonitorConfig.builder().shutdownTimeout(Duration.ofSeconds(10))
                .profilerPeriod(Duration.ofMillis(5)).build();
        monitor = Monitor.start(config, VersionInfo.unknown(), new DiscardingStore());
        monitor.declare("/level1", "bench");
        monitor.declare("/level3", "bench");
        monitor.changeLevel("/level3", 3);
        filter = new MonitoringFilter(monitor, null, null);
        level1 = StubExchange.request("/level1");
        level3 = StubExchange.request("/level3");
        response = StubExchange.response();
    }

    @TearDown(Level.Trial)
    public void stop() {
        monitor.close();
    }

    @Benchmark
    public int fiftyMillisAtLevel1() throws IOException, ServletException {
        filter.doFilter(level1, response, chain);
        return response.getStatus();
    }

    @Benchmark
    public int fiftyMillisAtLevel3() throws IOException, ServletException {
        filter.doFilter(level3, response, chain);
        return response.getStatus();
    }
}
