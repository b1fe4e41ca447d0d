package dev.monitordash.core.metrics;

import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.core.record.RequestRecord;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A monitor's metrics for Prometheus (docs/prometheus.md), written with the official Prometheus Java
 * library: requests (updated on the writer thread), the recording pipeline and outliers (read at each
 * scrape), and the JVM and process. Exists only when {@code monitordash.prometheus.enabled} is true, so a
 * monitor without it pays nothing; its public methods name no Prometheus type, so the rest of MonitorDash
 * loads without the library's optional jars.
 *
 * <p>Everything lives in a registry of its own, never the library's default one: two web applications in one
 * JVM, each with its own monitor, must not clash over metric names or see each other's requests.
 */
public final class MonitorMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ExpositionFormats formats = ExpositionFormats.init();
    private final RequestMetrics requests;

    private MonitorMetrics(String version, Supplier<PipelineStats> stats, LongSupplier outliersCaptured,
            LongSupplier outliersSkipped) {
        this.requests = new RequestMetrics(registry, version);
        registry.register(new PipelineCollector(stats, outliersCaptured, outliersSkipped));
        registerJvm(registry);
    }

    /**
     * @param version          the version every request of this monitor is recorded with
     * @param stats            the recording pipeline's counters, read at each scrape
     * @param outliersCaptured outliers captured since start, read at each scrape
     * @param outliersSkipped  overdue requests not captured (rate limit), read at each scrape
     */
    public static MonitorMetrics start(String version, Supplier<PipelineStats> stats, LongSupplier outliersCaptured,
            LongSupplier outliersSkipped) {
        return new MonitorMetrics(version, stats, outliersCaptured, outliersSkipped);
    }

    /**
     * The library's JVM and process metrics, one group at a time rather than {@code JvmMetrics.builder()}:
     * that one also registers {@code JvmMemoryPoolAllocationMetrics}, which adds a listener to the garbage
     * collectors' MXBeans and never removes it, so every undeployed web application (and each redeploy) would
     * stay loaded. The remaining groups read MXBeans and /proc at scrape time and leave nothing behind.
     */
    private static void registerJvm(PrometheusRegistry registry) {
        JvmThreadsMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmNativeMemoryMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    /** On the writer thread: counts a batch of records into the request histogram. */
    public void observe(List<RequestRecord> batch) {
        requests.observe(batch);
    }

    /**
     * Takes the metrics now, for a scraper that sent this {@code Accept} header: OpenMetrics when it asks for
     * {@code application/openmetrics-text}, else the Prometheus text format (also for the protobuf format,
     * which this build does not write).
     */
    public Exposition scrape(String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        if (!writer.isAvailable()) {
            writer = formats.getOpenMetricsTextFormatWriter().accepts(accept)
                    ? formats.getOpenMetricsTextFormatWriter() : formats.getPrometheusTextFormatWriter();
        }
        return new Exposition(writer, registry.scrape(), EscapingScheme.fromAcceptHeader(accept));
    }

    /** One scrape's metrics in the format the scraper asked for. */
    public static final class Exposition {
        private final ExpositionFormatWriter writer;
        private final MetricSnapshots snapshots;
        private final EscapingScheme escaping;

        private Exposition(ExpositionFormatWriter writer, MetricSnapshots snapshots, EscapingScheme escaping) {
            this.writer = writer;
            this.snapshots = snapshots;
            this.escaping = escaping;
        }

        /** The Content-Type of the answer, with the format's version. */
        public String contentType() {
            return writer.getContentType();
        }

        public void writeTo(OutputStream out) throws IOException {
            writer.write(out, snapshots, escaping);
        }
    }
}
