package dev.monitordash.core.metrics;

import dev.monitordash.core.record.PipelineStats;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The recording pipeline's counters and the outliers captured, read from memory at each scrape (never from
 * the store, so a scrape answers during a store outage too). One {@link PipelineStats} per scrape, so the
 * counters agree with each other: once nothing is queued, accepted = written + failed + lost.
 */
final class PipelineCollector implements MultiCollector {

    private final Supplier<PipelineStats> stats;
    private final LongSupplier outliersCaptured;
    private final LongSupplier outliersSkipped;

    PipelineCollector(Supplier<PipelineStats> stats, LongSupplier outliersCaptured, LongSupplier outliersSkipped) {
        this.stats = stats;
        this.outliersCaptured = outliersCaptured;
        this.outliersSkipped = outliersSkipped;
    }

    @Override
    public MetricSnapshots collect() {
        PipelineStats s = stats.get();
        return MetricSnapshots.of(
                counter("monitordash_records_accepted", "Request records taken into the writer's queue",
                        point(Labels.EMPTY, s.accepted())),
                counter("monitordash_records_written", "Request records written to the store",
                        point(Labels.EMPTY, s.written())),
                counter("monitordash_records_dropped", "Request records that will never be written, by cause:"
                                + " rejected (queue full), failed (the store refused their batch), lost (still queued"
                                + " at shutdown)",
                        point(Labels.of("cause", "rejected"), s.rejected()),
                        point(Labels.of("cause", "failed"), s.failed()),
                        point(Labels.of("cause", "lost"), s.lost())),
                GaugeSnapshot.builder().name("monitordash_records_queued")
                        .help("Request records waiting for the writer, including the batch being written")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(s.queued()).build()).build(),
                GaugeSnapshot.builder().name("monitordash_store_healthy")
                        .help("1 when the writer's last write reached the store, 0 while it connects or fails")
                        .dataPoint(GaugeDataPointSnapshot.builder().value(s.storeHealthy() ? 1 : 0).build()).build(),
                counter("monitordash_outliers_captured", "Requests captured as outliers (level 2)",
                        point(Labels.EMPTY, outliersCaptured.getAsLong())),
                counter("monitordash_outliers_skipped", "Overdue requests not captured because captures were over"
                                + " their rate limit",
                        point(Labels.EMPTY, outliersSkipped.getAsLong())));
    }

    private static CounterSnapshot counter(String name, String help, CounterDataPointSnapshot... points) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (CounterDataPointSnapshot p : points) {
            b.dataPoint(p);
        }
        return b.build();
    }

    private static CounterDataPointSnapshot point(Labels labels, long value) {
        return CounterDataPointSnapshot.builder().labels(labels).value(value).build();
    }
}
