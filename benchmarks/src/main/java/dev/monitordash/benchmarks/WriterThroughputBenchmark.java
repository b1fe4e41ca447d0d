package dev.monitordash.benchmarks;

import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.JdbcStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Records per second the writer thread gets into a SQLite file: {@code JdbcStore.writeBatch} with
 * batches of 1000 (the default batch size), one transaction each, as {@code RecordPipeline} calls it.
 * The score is records/s (one operation = one record). The table keeps growing across iterations, so
 * the figure includes index maintenance on a table of millions of rows, not an empty one. Every
 * {@link #CATCH_UP_EVERY} batches the per-user and per-client rollups are brought up to date too
 * ({@code JdbcStore.catchUp}, what the writer does between batches), so the score is the ingest rate with
 * every rollup maintained.
 *
 * <p>{@code endpoints}: how many distinct endpoints a batch spreads over, uniformly. 20 is a typical
 * application; 500 (the default cap) uniformly hit is the worst case, since every distinct endpoint in a
 * batch touches its own hour and day rollup rows.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar WriterThroughputBenchmark -rf json}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 7, time = 3)
@Fork(1)
public class WriterThroughputBenchmark {

    static final int BATCH_SIZE = 1_000;
    /** 50 batches: 50 000 records, a few seconds of a busy application, as the writer's 2 s cadence sees. */
    static final int CATCH_UP_EVERY = 50;
    private int batches;

    @Param({"20", "500"})
    public int endpoints;

    private Path dir;
    private JdbcStore store;
    private List<Endpoint> routes;
    private final Origin origin = new Origin("2.4.1", "shop", "web-1:4242");
    private final SplittableRandom random = new SplittableRandom(42);
    private long clockMicros = 1_750_000_000_000_000L;
    private List<RequestRecord> batch;

    @Setup(Level.Trial)
    public void openStore() throws IOException {
        dir = Files.createTempDirectory("monitordash-bench-");
        store = JdbcStore.open(MonitorConfig.builder()
                .databaseUrl("jdbc:sqlite:" + dir.resolve("monitordash.db")).build());
        routes = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            routes.add(new Endpoint("/api/resource" + i + "/{id}", Endpoint.Kind.ROUTE, "Servlet" + i,
                    MonitoringLevel.PERFORMANCE));
        }
    }

    /** Fresh records for every batch, with start times that keep moving forward like real traffic. */
    @Setup(Level.Invocation)
    public void nextBatch() {
        List<RequestRecord> next = new ArrayList<>(BATCH_SIZE);
        for (int i = 0; i < BATCH_SIZE; i++) {
            clockMicros += 1 + random.nextInt(20);
            next.add(new RequestRecord(
                    routes.get(random.nextInt(routes.size())),
                    clockMicros,
                    50_000L + random.nextInt(20_000_000),         // 0.05 - 20 ms
                    random.nextInt(4) == 0 ? "POST" : "GET",
                    random.nextInt(50) == 0 ? 500 : 200,
                    "user" + random.nextInt(200),
                    "203.0.113." + random.nextInt(250)));
        }
        batch = next;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH_SIZE)
    public void writeBatch() {
        store.writeBatch(batch, origin);
        if (++batches % CATCH_UP_EVERY == 0) {
            store.catchUp();
        }
    }

    @TearDown(Level.Trial)
    public void closeStore() throws IOException {
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
