package dev.monitordash.core.metrics;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.record.StoreState;
import dev.monitordash.core.testing.PrometheusText;
import dev.monitordash.core.testing.Records;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MonitorMetricsTest {

    private static final String COUNT = "monitordash_request_duration_seconds_count";
    private static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final AtomicReference<PipelineStats> stats =
            new AtomicReference<>(new PipelineStats(0, 0, 0, 0, 0, 0, StoreState.CONNECTING, null));
    private final MonitorMetrics metrics = MonitorMetrics.start("1.4.2", stats::get, () -> 5, () -> 2);

    private static RequestRecord request(Endpoint e, String method, int status, long millis) {
        return new RequestRecord(e, 0, millis * 1_000_000, method, status, "ann", "10.0.0.1");
    }

    private static String text(MonitorMetrics m, String accept) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.scrape(accept).writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> labels(String endpoint, String method, String status) {
        return Map.of("endpoint", endpoint, "method", method, "status", status, "version", "1.4.2");
    }

    @Test
    void countsEachRequestUnderItsEndpointMethodStatusClassAndVersion() throws IOException {
        Endpoint orders = Records.endpoint("/orders/{id}");
        Endpoint search = Records.endpoint("/search");
        metrics.observe(List.of(request(orders, "GET", 200, 4), request(orders, "GET", 204, 40),
                request(orders, "POST", 503, 2_000), request(search, "GET", 404, 1)));
        metrics.observe(List.of(request(orders, "GET", 200, 20)));

        PrometheusText t = PrometheusText.parsePrometheus(text(metrics, null));

        assertEquals(3, t.value(COUNT, labels("/orders/{id}", "GET", "2xx")));
        assertEquals(0.064, t.value("monitordash_request_duration_seconds_sum", labels("/orders/{id}", "GET", "2xx")),
                1e-9);
        assertEquals(1, t.value(COUNT, labels("/orders/{id}", "POST", "5xx")));
        assertEquals(1, t.value(COUNT, labels("/search", "GET", "4xx")));
        Map<String, String> getOk = new java.util.HashMap<>(labels("/orders/{id}", "GET", "2xx"));
        getOk.put("le", "0.005");
        assertEquals(1, t.value("monitordash_request_duration_seconds_bucket", getOk), "4 ms only");
        getOk.put("le", "0.025");
        assertEquals(2, t.value("monitordash_request_duration_seconds_bucket", getOk), "4 and 20 ms");
        getOk.put("le", "+Inf");
        assertEquals(3, t.value("monitordash_request_duration_seconds_bucket", getOk));
        assertEquals("histogram", t.types().get("monitordash_request_duration_seconds"));
        assertEquals(Set.of("1.4.2"), t.labelValues(COUNT, "version"));
    }

    @Test
    void usersAndClientAddressesNeverBecomeLabels() throws IOException {
        Endpoint e = Records.endpoint("/a");
        metrics.observe(List.of(new RequestRecord(e, 0, 1_000_000, "GET", 200, "alice", "192.0.2.1"),
                new RequestRecord(e, 0, 1_000_000, "GET", 200, "bob", "192.0.2.2")));

        PrometheusText t = PrometheusText.parsePrometheus(text(metrics, null));

        assertEquals(2, t.value(COUNT, labels("/a", "GET", "2xx")));
        for (PrometheusText.Sample s : t.samples(COUNT)) {
            assertEquals(Set.of("endpoint", "method", "status", "version"), s.labels().keySet());
        }
    }

    @Test
    void unknownMethodsAndStatusesShareOneSeriesEach() throws IOException {
        Endpoint e = Records.endpoint("/a");
        metrics.observe(List.of(request(e, "FOO", 200, 1), request(e, "BAR", 200, 1), request(e, "get", 0, 1),
                request(e, "GET", 700, 1)));

        PrometheusText t = PrometheusText.parsePrometheus(text(metrics, null));

        assertEquals(2, t.value(COUNT, labels("/a", "other", "2xx")));
        assertEquals(2, t.value(COUNT, labels("/a", "GET", "other")));
        assertEquals(Set.of("GET", "other"), t.labelValues(COUNT, "method"));
    }

    @Test
    void pipelineAndOutlierCountersComeFromMemoryAtEachScrape() throws IOException {
        stats.set(new PipelineStats(10, 6, 2, 1, 1, 2, StoreState.FAILING, "disk full"));

        PrometheusText t = PrometheusText.parsePrometheus(text(metrics, null));

        assertEquals(10, t.value("monitordash_records_accepted_total"));
        assertEquals(6, t.value("monitordash_records_written_total"));
        assertEquals(2, t.value("monitordash_records_dropped_total", Map.of("cause", "rejected")));
        assertEquals(1, t.value("monitordash_records_dropped_total", Map.of("cause", "failed")));
        assertEquals(1, t.value("monitordash_records_dropped_total", Map.of("cause", "lost")));
        assertEquals(2, t.value("monitordash_records_queued"));
        assertEquals(0, t.value("monitordash_store_healthy"));
        assertEquals(5, t.value("monitordash_outliers_captured_total"));
        assertEquals(2, t.value("monitordash_outliers_skipped_total"));

        stats.set(new PipelineStats(12, 12, 2, 1, 1, 0, StoreState.OK, null));
        PrometheusText later = PrometheusText.parsePrometheus(text(metrics, null));
        assertEquals(12, later.value("monitordash_records_written_total"));
        assertEquals(1, later.value("monitordash_store_healthy"));
    }

    @Test
    void answersOpenMetricsWhenAskedAndTheTextFormatOtherwise() throws IOException {
        metrics.observe(List.of(request(Records.endpoint("/a"), "GET", 200, 3)));

        assertTrue(metrics.scrape(OPENMETRICS).contentType().startsWith("application/openmetrics-text; version=1.0.0"),
                metrics.scrape(OPENMETRICS).contentType());
        PrometheusText om = PrometheusText.parseOpenMetrics(text(metrics, OPENMETRICS));
        assertEquals(1, om.value(COUNT, labels("/a", "GET", "2xx")));
        assertEquals("counter", om.types().get("monitordash_records_accepted"));

        for (String accept : new String[] {null, "text/plain", "*/*", "text/plain;version=0.0.4;q=0.3,*/*;q=0.2"}) {
            assertTrue(metrics.scrape(accept).contentType().startsWith("text/plain; version=0.0.4"), accept);
            assertEquals(1, PrometheusText.parsePrometheus(text(metrics, accept)).value(COUNT, labels("/a", "GET", "2xx")));
        }
    }

    @Test
    void aScraperPreferringProtobufGetsATextFormatThisBuildCanWrite() throws IOException {
        // What Prometheus sends with native histograms on: protobuf first, then OpenMetrics, then text.
        String accept = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;"
                + "q=0.6,application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

        assertTrue(metrics.scrape(accept).contentType().startsWith("application/openmetrics-text"));
        PrometheusText.parseOpenMetrics(text(metrics, accept));
        String protobufOnly = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";
        assertTrue(metrics.scrape(protobufOnly).contentType().startsWith("text/plain; version=0.0.4"));
    }

    @Test
    void includesTheLibrarysJvmAndProcessMetrics() throws IOException {
        PrometheusText t = PrometheusText.parsePrometheus(text(metrics, null));

        assertTrue(t.value("jvm_memory_used_bytes", Map.of("area", "heap")) > 0);
        assertTrue(t.value("jvm_threads_current") > 0);
        assertFalse(t.samples("jvm_runtime_info").isEmpty());
        assertTrue(t.value("process_cpu_seconds_total") > 0);
        // Left out on purpose: its GC listener is never removed and would keep an undeployed application loaded.
        assertTrue(t.samples("jvm_memory_pool_allocated_bytes_total").isEmpty());
    }

    @Test
    void twoMonitorsInOneJvmKeepTheirOwnMetrics() throws IOException {
        MonitorMetrics other = MonitorMetrics.start("2.0", stats::get, () -> 0, () -> 0);
        metrics.observe(List.of(request(Records.endpoint("/a"), "GET", 200, 3)));

        PrometheusText t = PrometheusText.parsePrometheus(text(other, null));

        assertTrue(t.samples(COUNT).isEmpty(), t.samples(COUNT).toString());
        assertFalse(t.samples("jvm_threads_current").isEmpty(), "each registry has the JVM metrics too");
    }
}
