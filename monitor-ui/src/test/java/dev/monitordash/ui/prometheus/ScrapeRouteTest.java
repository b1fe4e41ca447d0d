package dev.monitordash.ui.prometheus;

import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.record.StoreState;
import dev.monitordash.core.testing.Await;
import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.core.testing.PrometheusText;
import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code <dashboard>/metrics} through the real dashboard servlet on an embedded Jetty, over a real store. */
class ScrapeRouteTest {

    static final String TOKEN = "scrape-token-7f3a9c1d0e5b";
    private static final String COUNT = "monitordash_request_duration_seconds_count";
    private static final String OPENMETRICS = "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path temp;
    private DashboardServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private DashboardServer start(MonitorConfig.Builder config) throws Exception {
        server = DashboardServer.start("/shop", config);
        return server;
    }

    private MonitorConfig.Builder enabled() {
        return DashboardServer.defaultConfig(temp).prometheusEnabled(true);
    }

    static HttpRequest.Builder scrape(DashboardServer server) {
        return HttpRequest.newBuilder(server.uri("/metrics")).timeout(Duration.ofSeconds(30));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder withToken(HttpRequest.Builder request) {
        return request.header("Authorization", "Bearer " + TOKEN);
    }

    private static Map<String, String> labels(String endpoint, String method, String status) {
        return Map.of("endpoint", endpoint, "method", method, "status", status, "version", "1.4.2");
    }

    @Test
    void routeIsOffByDefault() throws Exception {
        start(DashboardServer.defaultConfig(temp));
        DashboardClient admin = new DashboardClient(server).loginAsAdmin();

        HttpResponse<String> answer = admin.get("/metrics");

        assertEquals(404, answer.statusCode());
        assertTrue(answer.body().contains("monitordash.prometheus.enabled"), answer.body());
        assertEquals(404, send(withToken(scrape(server))).statusCode(), "no token opens a route that is off");
        assertTrue(server.monitor().metrics().isEmpty(), "nothing is collected either");
    }

    @Test
    void theTokenLetsAScraperInWithoutASession() throws Exception {
        start(enabled().prometheusToken(TOKEN));

        HttpResponse<String> answer = send(withToken(scrape(server)));

        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain; version=0.0.4"));
        assertEquals("no-store", answer.headers().firstValue("Cache-Control").orElseThrow());
        PrometheusText t = PrometheusText.parsePrometheus(answer.body());
        assertEquals(0, t.value("monitordash_records_dropped_total", Map.of("cause", "rejected")));
        assertEquals(200, send(scrape(server).header("Authorization", "bearer " + TOKEN)).statusCode(),
                "the scheme is case-insensitive");
    }

    @Test
    void aMissingOrWrongTokenIs401WithAChallengeEvenWithADashboardSession() throws Exception {
        start(enabled().prometheusToken(TOKEN));
        DashboardClient admin = new DashboardClient(server).loginAsAdmin();

        HttpResponse<String> missing = send(scrape(server));
        HttpResponse<String> wrong = send(scrape(server).header("Authorization", "Bearer " + TOKEN + "x"));
        HttpResponse<String> basic = send(scrape(server).header("Authorization", "Basic " + TOKEN));
        HttpResponse<String> sessionOnly = admin.get("/metrics");

        for (HttpResponse<String> r : List.of(missing, wrong, basic, sessionOnly)) {
            assertEquals(401, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer realm="));
            assertFalse(r.body().contains("monitordash_"), "no metrics in a refusal");
        }
        assertEquals("bearer token required\n", missing.body());
        assertEquals("wrong bearer token\n", wrong.body());
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").orElseThrow().contains("invalid_token"));
    }

    @Test
    void withoutATokenTheDashboardLoginProtectsTheRoute() throws Exception {
        start(enabled());

        HttpResponse<String> anonymous = send(scrape(server));
        HttpResponse<String> guest = new DashboardClient(server).loginAsGuest().get("/metrics");

        assertEquals(401, anonymous.statusCode(), "a scraper is told, not redirected to the login page");
        assertTrue(anonymous.body().contains("monitordash.prometheus.token"), anonymous.body());
        assertEquals(200, guest.statusCode(), "metrics are for viewers too");
        PrometheusText.parsePrometheus(guest.body());
        assertEquals(401, send(withToken(scrape(server))).statusCode(), "no token is configured to match");
    }

    @Test
    void onlyGetIsAllowed() throws Exception {
        start(enabled().prometheusToken(TOKEN));

        HttpResponse<String> post = send(withToken(scrape(server)).POST(HttpRequest.BodyPublishers.noBody()));

        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void countsRecordedRequestsByEndpointMethodStatusClassAndVersion() throws Exception {
        start(enabled().prometheusToken(TOKEN));
        Instant now = Instant.now();
        for (int i = 0; i < 20; i++) {
            server.record("/orders/{id}", "GET", i % 10 == 0 ? 500 : 200, 3 + i, now);
        }
        for (int i = 0; i < 5; i++) {
            server.record("/orders/{id}", "POST", 201, 40, now);
        }
        server.record("/search", "DELETE", 404, 1, now);
        server.awaitWritten(26);

        PrometheusText t = PrometheusText.parsePrometheus(send(withToken(scrape(server))).body());

        assertEquals(18, t.value(COUNT, labels("/orders/{id}", "GET", "2xx")));
        assertEquals(2, t.value(COUNT, labels("/orders/{id}", "GET", "5xx")));
        assertEquals(5, t.value(COUNT, labels("/orders/{id}", "POST", "2xx")));
        assertEquals(1, t.value(COUNT, labels("/search", "DELETE", "4xx")));
        assertEquals(0.2, t.value("monitordash_request_duration_seconds_sum", labels("/orders/{id}", "POST", "2xx")),
                1e-9);
        Map<String, String> bucket = new HashMap<>(labels("/orders/{id}", "POST", "2xx"));
        bucket.put("le", "0.025");
        assertEquals(0, t.value("monitordash_request_duration_seconds_bucket", bucket));
        bucket.put("le", "0.05");
        assertEquals(5, t.value("monitordash_request_duration_seconds_bucket", bucket));
        assertEquals(Set.of("/orders/{id}", "/search"), t.labelValues(COUNT, "endpoint"));
        assertEquals(Set.of("1.4.2"), t.labelValues(COUNT, "version"));
        assertEquals(26, t.value("monitordash_records_accepted_total"));
        assertEquals(26, t.value("monitordash_records_written_total"));
        assertEquals(0, t.value("monitordash_records_queued"));
        assertEquals(1, t.value("monitordash_store_healthy"));
        assertEquals(0, t.value("monitordash_outliers_captured_total"));
        // The records carry user "alice" from 127.0.0.1: neither may ever become a label value.
        for (PrometheusText.Sample s : t.samples()) {
            assertFalse(s.labels().containsValue("alice") || s.labels().containsValue("127.0.0.1"), s.toString());
        }
        assertTrue(t.value("jvm_memory_used_bytes", Map.of("area", "heap")) > 0, "the library's JVM metrics");
    }

    @Test
    void answersOpenMetricsWhenTheScraperAsksForIt() throws Exception {
        start(enabled().prometheusToken(TOKEN));
        server.record("/a", "GET", 200, 2, Instant.now());
        server.awaitWritten(1);

        HttpResponse<String> answer = send(withToken(scrape(server)).header("Accept", OPENMETRICS));

        assertTrue(answer.headers().firstValue("Content-Type").orElseThrow()
                .startsWith("application/openmetrics-text; version=1.0.0"), answer.headers().toString());
        PrometheusText om = PrometheusText.parseOpenMetrics(answer.body());
        assertEquals(1, om.value(COUNT, labels("/a", "GET", "2xx")));
        assertEquals("counter", om.types().get("monitordash_records_written"));
        assertEquals(1, om.value("monitordash_records_written_total"));
        assertTrue(answer.headers().firstValue("Vary").orElseThrow().contains("Accept"));
    }

    @Test
    void gzipsTheAnswerWhenAskedAsPrometheusDoes() throws Exception {
        start(enabled().prometheusToken(TOKEN));
        server.record("/a", "GET", 200, 2, Instant.now());
        server.awaitWritten(1);

        HttpResponse<byte[]> answer = HTTP.send(withToken(scrape(server)).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals("gzip", answer.headers().firstValue("Content-Encoding").orElseThrow());
        String text;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(answer.body()))) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(1, PrometheusText.parsePrometheus(text).value(COUNT, labels("/a", "GET", "2xx")));
    }

    @Test
    void answersFromMemoryWhileTheStoreIsDown() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.start()) {
            start(enabled().prometheusToken(TOKEN).databaseUrl(postgres.freshUrl())
                    .databaseUser(PostgresTestDatabase.USER));
            DashboardClient admin = new DashboardClient(server).loginAsAdmin();
            server.record("/a", "GET", 200, 2, Instant.now());
            server.awaitWritten(1);
            postgres.close(); // the database server stops under the running dashboard
            for (int i = 0; i < 3; i++) {
                server.record("/a", "GET", 200, 2, Instant.now());
            }
            Await.until("the writer has found the store down", Duration.ofSeconds(60),
                    () -> server.monitor().stats().failed() == 3
                            && server.monitor().stats().store() == StoreState.FAILING);

            HttpResponse<String> answer = send(withToken(scrape(server)));

            assertEquals(200, answer.statusCode(), answer.body());
            PrometheusText t = PrometheusText.parsePrometheus(answer.body());
            assertEquals(4, t.value(COUNT, labels("/a", "GET", "2xx")), "requests count whether or not stored");
            assertEquals(1, t.value("monitordash_records_written_total"));
            assertEquals(3, t.value("monitordash_records_dropped_total", Map.of("cause", "failed")));
            assertEquals(0, t.value("monitordash_store_healthy"));
            assertEquals(503, admin.get("/api/overview").statusCode(), "the views, which read the store, cannot");
        }
    }
}
