package dev.monitordash.core.metrics;

import dev.monitordash.core.record.RequestRecord;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests by endpoint, method, status class and version: one histogram of durations, whose {@code _count}
 * is the number of requests. Updated on the writer thread, which sees every record once anyway, so request
 * threads pay nothing for it; records the queue rejected never reach the writer and show only in
 * {@code monitordash_records_dropped_total{cause="rejected"}}.
 *
 * <p>Not thread-safe: only the writer thread calls {@link #observe}. The histogram itself may be scraped
 * from any thread meanwhile.
 */
final class RequestMetrics {

    static final String NAME = "monitordash_request_duration_seconds";

    /**
     * Seconds, 1 ms to 30 s: web requests, including the slow ones outliers are made of. Classic buckets
     * only: native histograms are not in the text formats, and each would cost memory per series.
     */
    private static final double[] BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
            30};

    private final Histogram durations;
    private final String version;
    /**
     * Each endpoint's data points by method × status class, filled as they first occur: after that a record
     * costs a map read and an array read, no label lookup and no allocation.
     */
    private final Map<String, DistributionDataPoint[]> byEndpoint = new HashMap<>();

    RequestMetrics(PrometheusRegistry registry, String version) {
        this.version = version;
        this.durations = Histogram.builder()
                .name(NAME)
                .unit(Unit.SECONDS)
                .help("Requests recorded by MonitorDash: their duration, and by _count their number")
                .labelNames("endpoint", "method", "status", "version")
                .classicOnly()
                .classicUpperBounds(BUCKETS)
                .withoutExemplars() // no trace context on the writer thread to take exemplars from
                .register(registry);
    }

    /** On the writer thread, for every batch it drains. */
    void observe(List<RequestRecord> batch) {
        for (RequestRecord r : batch) {
            String endpoint = r.endpoint().name();
            DistributionDataPoint[] points = byEndpoint.get(endpoint);
            if (points == null) {
                points = new DistributionDataPoint[RequestLabels.COMBINATIONS];
                byEndpoint.put(endpoint, points);
            }
            int i = RequestLabels.combination(r.method(), r.status());
            DistributionDataPoint point = points[i];
            if (point == null) {
                point = durations.labelValues(endpoint, RequestLabels.METHODS[i / RequestLabels.STATUS_CLASSES.length],
                        RequestLabels.STATUS_CLASSES[i % RequestLabels.STATUS_CLASSES.length], version);
                points[i] = point;
            }
            point.observe(r.durationNanos() / 1e9);
        }
    }
}
