package dev.monitordash.benchmarks;

import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.JdbcStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How long a database written by the V1-V3 schema takes to open and to convert with this code, and
 * whether recording goes on meanwhile: opens a copy of such a file (for example the one
 * {@code AnalyticsQueryTimes} keeps with {@code -Dmonitordash.bench.db} on an older build), times the
 * migration at open, then converts every row ({@code JdbcStore.catchUp}, what the writer does between
 * batches) while a second thread writes a batch of 100 records every 10 ms, as a live application would,
 * and prints how long those writes took. {@code java -cp benchmarks/target/benchmarks.jar
 * dev.monitordash.benchmarks.ConversionTimes <copy-of-old.db>}
 */
public final class ConversionTimes {

    private ConversionTimes() {
    }

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[0]);
        long rowsBefore = Files.size(db);
        MonitorConfig config = MonitorConfig.builder().databaseUrl("jdbc:sqlite:" + db).build();
        long t0 = System.nanoTime();
        try (JdbcStore store = JdbcStore.open(config)) {
            System.out.printf("opened and migrated to V4 in %.1f s (file %.0f MB)%n", (System.nanoTime() - t0) / 1e9,
                    rowsBefore / 1e6);
            AtomicBoolean done = new AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
            List<Long> writes = new ArrayList<>();
            Thread live = new Thread(() -> {
                Endpoint e = new Endpoint("/live", Endpoint.Kind.ROUTE, "live", MonitoringLevel.PERFORMANCE);
                Origin origin = new Origin("live", "shop", "live-1");
                while (!done.get()) {
                    List<RequestRecord> batch = new ArrayList<>(100);
                    long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
                    for (int i = 0; i < 100; i++) {
                        batch.add(new RequestRecord(e, now + i, 2_000_000, "GET", 200, "u" + (i % 7), "10.0.0.1"));
                    }
                    long w = System.nanoTime();
                    try {
                        store.writeBatch(batch, origin);
                        writes.add(System.nanoTime() - w);
                    } catch (RuntimeException failed) {
                        // The pipeline drops and counts such a batch; here it is counted as a failure.
                        failures.incrementAndGet();
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException ex) {
                        return;
                    }
                }
            }, "live-writer");
            live.start();
            long t1 = System.nanoTime();
            int chunkFailures = 0;
            while (true) {
                try {
                    store.catchUp();
                    break;
                } catch (RuntimeException busy) {
                    // A chunk that waited too long for the lock rolled back whole; the writer retries it later.
                    chunkFailures++;
                }
            }
            System.out.println("chunks retried after a failure: " + chunkFailures);
            double converted = (System.nanoTime() - t1) / 1e9;
            done.set(true);
            live.join();
            long[] w = writes.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("converted and rolled up in %.1f s; meanwhile %d live batches of 100 written "
                    + "(%d failed), p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", converted, w.length, failures.get(),
                    w[w.length / 2] / 1e6, w[(int) (w.length * 0.99)] / 1e6, w[w.length - 1] / 1e6);
            System.out.println("overview rows: " + store.queries().overview(java.time.ZoneId.of("UTC")).size());
            System.out.println(Arrays.toString(new long[] {Files.size(db)}) + " bytes after");
        }
    }
}
