package dev.monitordash.benchmarks;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.RequestRecord;
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
 * What the monitoring filter adds to one request: {@code MonitoringFilter.doFilter} around a chain that
 * only sets the status, at level 1 (measured and recorded) and level 0 (one lookup), against calling the
 * same chain bare. The store discards, so the request thread's cost is what is measured, with the
 * default queue and batch size. {@code recordOnly} is the share of the core pipeline: one
 * {@code Monitor.record} of a new record, as the filter does at level 1. Issue target: level 1 adds at most 0.5 µs (median).
 * {@code level2} is a request at level 2 that is not an outlier (its endpoint's threshold is far above
 * it): registration with the watchdog and deregistration on top of level 1. Target: ≤ 1 µs over level 1.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar FilterOverhead -f 1 -wi 3 -i 5 -w 1s -r 2s -bm sample -tu ns</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FilterOverheadBenchmark {

    private DiscardingStore store;
    private Monitor monitor;
    private MonitoringFilter filter;
    private HttpServletRequest monitored;
    private HttpServletRequest unmonitored;
    private HttpServletRequest watched;
    private StubExchange.Response response;
    private Endpoint endpoint;
    private final FilterChain chain = (request, response) -> ((StubExchange.Response) response).setStatus(200);

    @Setup(Level.Trial)
    public void start() {
        store = new DiscardingStore();
        // The default configuration (queue 65 536, batches of 1 000): the writer keeps up with one
        // benchmark thread, as the printed drop count shows.
        MonitorConfig config = MonitorConfig.builder().shutdownTimeout(Duration.ofSeconds(10)).build();
        monitor = Monitor.start(config, VersionInfo.unknown(), store);
        monitor.declare("/measured", "bench");
        monitor.declare("/off", "bench");
        monitor.changeLevel("/off", 0);
        monitor.declare("/watched", "bench");
        monitor.changeLevel("/watched", 2);
        // A stored history of 1 000 requests of 100 ms: the threshold (250 ms) is never reached here.
        monitor.outliers().thresholds().load("/watched", 1_000, 1_000 * 100_000_000L);
        endpoint = monitor.endpoints().find("/measured");
        filter = new MonitoringFilter(monitor, null, null);
        monitored = StubExchange.request("/measured");
        unmonitored = StubExchange.request("/off");
        watched = StubExchange.request("/watched");
        response = StubExchange.response();
    }

    @TearDown(Level.Trial)
    public void stop() {
        monitor.close();
        System.out.printf("%nrecords: accepted %d, written %d, dropped %d; outliers captured %d%n",
                monitor.stats().accepted(), store.written(), monitor.stats().dropped(), monitor.outliers().captures());
    }

    @Benchmark
    public int bareChain() throws IOException, ServletException {
        chain.doFilter(monitored, response);
        return response.getStatus();
    }

    @Benchmark
    public int level0() throws IOException, ServletException {
        filter.doFilter(unmonitored, response, chain);
        return response.getStatus();
    }

    @Benchmark
    public boolean recordOnly() {
        return monitor.record(new RequestRecord(endpoint, System.currentTimeMillis() * 1000L, 1_000L, "GET", 200,
                null, "192.0.2.10"));
    }

    @Benchmark
    public int level1() throws IOException, ServletException {
        filter.doFilter(monitored, response, chain);
        return response.getStatus();
    }

    @Benchmark
    public int level2() throws IOException, ServletException {
        filter.doFilter(watched, response, chain);
        return response.getStatus();
    }
}
