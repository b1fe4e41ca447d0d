package dev.monitordash.benchmarks;

import dev.monitordash.core.outlier.Capturer;
import dev.monitordash.core.outlier.Masking;
import dev.monitordash.core.outlier.NameValue;
import dev.monitordash.core.outlier.OutlierCapture;
import dev.monitordash.core.outlier.RequestData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Time to capture one outlier off the request thread, with {@code liveThreads} threads in the JVM besides
 * JMH's own, each parked a few frames deep like a request waiting on I/O: the request thread's stack, the
 * request data (masked), the dump of all threads and the latest system snapshot — what the watchdog does
 * at a deadline. Issue target: ≤ 5 ms with 200 live threads.
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar OutlierCapture -bm sample -tu ms</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class OutlierCaptureBenchmark {

    @Param("200")
    public int liveThreads;

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private Capturer capturer;
    private Thread requestThread;
    private Supplier<RequestData> request;

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(liveThreads);
        for (int i = 0; i < liveThreads; i++) {
            Thread t = new Thread(() -> deep(20, started), "worker-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        started.await();
        requestThread = threads.get(0);
        request = () -> new RequestData("http://localhost:8080/orders/42", "page=2&password=x", "GET",
                List.of(new NameValue("Accept", "text/html"), new NameValue("Authorization", "Basic YTpi"),
                        new NameValue("User-Agent", "Mozilla/5.0")),
                List.of(new NameValue("page", "2"), new NameValue("password", "x")), "192.0.2.1", "ann", List.of());
        capturer = new Capturer(new Masking(List.of(), List.of("password", "secret", "token", "key", "session")));
        capturer.sample();
        Thread.sleep(1_000);
        capturer.sample(); // a fresh snapshot, as the watchdog keeps one
        System.out.printf("%nlive threads in the JVM: %d%n", ManagementFactory.getThreadMXBean().getThreadCount());
    }

    private void deep(int depth, CountDownLatch started) {
        if (depth > 0) {
            deep(depth - 1, started);
            return;
        }
        started.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        release.countDown();
    }

    @Benchmark
    public OutlierCapture captureOneOutlier() {
        return capturer.capture(requestThread, System.nanoTime() - 1_000_000, 500_000, request, () -> { });
    }
}
