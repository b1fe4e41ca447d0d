package dev.monitordash.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.resource.ResourceMetric;
import dev.monitordash.core.resource.ResourceSample;
import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.monitordash.ui.support.DashboardClient.expect;
import static dev.monitordash.ui.support.DashboardClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code api/resources}, {@code api/errors}, {@code api/error} and {@code api/errors/first-seen} through
 * real HTTP against an embedded Jetty over a real SQLite file; resource samples from the monitor's own
 * sampling thread, errors from real exceptions through the recording pipeline.
 */
class ResourceErrorApiTest {

    @TempDir
    Path temp;
    private DashboardServer server;
    private DashboardClient guest;

    @BeforeEach
    void start() throws Exception {
        server = DashboardServer.start("", DashboardServer.defaultConfig(temp).resourcesPeriod(Duration.ofSeconds(1)));
        guest = new DashboardClient(server).loginAsGuest();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void awaitSamples(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (server.monitor().resources().window(Duration.ofHours(1)).size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the resource thread took fewer than " + n + " samples");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void theSamplingThreadsSamplesAreServedPerInstanceWithEveryFigure() throws Exception {
        awaitSamples(3);
        JsonNode r = json(expect(guest.get("/api/resources"), 200));
        assertEquals("1h", r.get("range").asText());
        assertEquals(10, r.get("stepSeconds").asInt());
        assertEquals("Europe/Amsterdam", r.get("timezone").asText());
        assertEquals("test-1", r.get("instance").asText());
        assertEquals(1, r.get("periodSeconds").asInt());
        assertEquals(ResourceMetric.values().length, r.get("metrics").size());
        JsonNode s = r.get("instances").get(0);
        assertEquals("shop", s.get("service").asText());
        assertEquals("test-1", s.get("instance").asText());
        int n = s.get("times").size();
        assertTrue(n >= 1, r.toString());
        JsonNode cpu = s.get("values").get("host.cpu");
        assertEquals(n, cpu.size());
        boolean sawCpu = false;
        for (JsonNode v : cpu) {
            if (!v.isNull()) {
                sawCpu = true;
                assertTrue(v.asDouble() >= 0 && v.asDouble() <= 100, cpu.toString());
            }
        }
        assertTrue(sawCpu, "the host's CPU after the second sample: " + cpu);
        assertTrue(s.get("values").get("heap.used").get(n - 1).asDouble() > 0);
        assertTrue(s.get("values").get("threads.live").get(n - 1).asDouble() > 0);
        assertTrue(s.get("values").get("disk.total").get(n - 1).asDouble() > 0, "a SQLite file's volume");
        assertEquals(n, s.get("max").get("process.cpu").size());
        assertEquals(Runtime.getRuntime().availableProcessors(), s.get("cores").size());
    }

    static ResourceSample sample(Instant at, double cpu) {
        double[] v = new double[ResourceMetric.values().length];
        Arrays.fill(v, Double.NaN);
        v[ResourceMetric.HOST_CPU.ordinal()] = cpu;
        return new ResourceSample(at, v, new double[0]);
    }

    @Test
    void longRangesReadSummariesAndOtherInstancesAreTheirOwnSeries() throws Exception {
        Instant now = Instant.now();
        server.monitor().store().resources().write(List.of(sample(now.minus(Duration.ofDays(3)), 70),
                sample(now.minus(Duration.ofDays(3)).plusSeconds(10), 90)), new Origin("1.4.1", "shop", "test-2"));
        server.monitor().store().resources().write(List.of(sample(now.minus(Duration.ofDays(20)), 40)),
                new Origin("1.4.1", "shop", "test-2"));

        JsonNode week = json(expect(guest.get("/api/resources?range=7d&instance=test-2"), 200));
        assertEquals(900, week.get("stepSeconds").asInt());
        JsonNode s = week.get("instances").get(0);
        assertEquals("test-2", s.get("instance").asText());
        assertEquals(List.of(80.0), values(s.get("values").get("host.cpu")));
        assertEquals(List.of(90.0), values(s.get("max").get("host.cpu")));

        JsonNode month = json(expect(guest.get("/api/resources?range=30d&instance=test-2"), 200));
        assertEquals(3600, month.get("stepSeconds").asInt());
        assertEquals(List.of(40.0, 80.0), values(month.get("instances").get(0).get("values").get("host.cpu")));

        JsonNode hourly = json(expect(guest.get("/api/resources?instance=test-2&step=3600&from="
                + now.minus(Duration.ofDays(4)).truncatedTo(ChronoUnit.HOURS) + "&to=" + now), 200));
        assertEquals(3600, hourly.get("stepSeconds").asInt());
        assertEquals(List.of(80.0), values(hourly.get("instances").get(0).get("values").get("host.cpu")));
    }

    private static List<Double> values(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asDouble()));
        return out;
    }

    @Test
    void badResourceParametersAre400NamingTheField() throws Exception {
        assertTrue(expect(guest.get("/api/resources?range=2h"), 400).body().contains("'range'"));
        assertTrue(expect(guest.get("/api/resources?step=7"), 400).body().contains("'step'"));
        assertTrue(expect(guest.get("/api/resources?range=30d&step=10&from=2026-01-01&to=2026-01-31"), 400)
                .body().contains("'range'"));
        assertTrue(expect(guest.get("/api/resources?step=10&from=2025-01-01&to=2026-01-31"), 400).body()
                .contains("'step'"));
        assertTrue(expect(guest.get("/api/resources?instance=" + "x".repeat(256)), 400).body().contains("'instance'"));
        assertEquals(401, new DashboardClient(server).get("/api/resources").statusCode());
        assertEquals(405, guest.sendJson("POST", "/api/resources", "{}").statusCode());
    }

    private static RuntimeException thrownAt(String method, String message) {
        RuntimeException e = new IllegalStateException(message);
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement("shop.Orders", method, "Orders.java", 40),
                new StackTraceElement("shop.OrderServlet", "doGet", "OrderServlet.java", 12)});
        return e;
    }

    @Test
    void failedRequestsAreListedByCauseAndOneCauseShowsItsStack() throws Exception {
        Monitor m = server.monitor();
        server.declare("/orders", "OrderServlet");
        Endpoint orders = m.endpoints().lookup("/orders");
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        for (int i = 0; i < 4; i++) {
            assertTrue(m.record(new RequestRecord(orders, micros + i, 1_000_000, "GET", 500, "ann", "10.0.0.1", null,
                    null, thrownAt("find", "order " + i + " missing, api_key=k-123"))));
        }
        assertTrue(m.record(new RequestRecord(orders, micros, 1_000_000, "GET", 500, "ann", "10.0.0.1", null, null,
                thrownAt("save", "disk full"))));
        server.awaitWritten(5);

        JsonNode list = json(expect(guest.get("/api/errors"), 200));
        assertEquals("Europe/Amsterdam", list.get("timezone").asText());
        JsonNode groups = list.get("groups");
        assertEquals(2, groups.size());
        JsonNode find = groups.get(0);
        assertEquals(4, find.get("occurrences").asLong());
        assertEquals("java.lang.IllegalStateException", find.get("exception").asText());
        assertEquals("shop.Orders.find", find.get("frame").asText());
        assertEquals("order 0 missing, api_key=\u2022\u2022\u2022", find.get("message").asText());
        assertEquals("[\"/orders\"]", find.get("endpoints").toString());
        assertEquals("[\"" + DashboardServer.VERSION.name() + "\"]", find.get("versions").toString());
        assertEquals(30, find.get("days").size());
        assertEquals(4, find.get("days").get(29).get("occurrences").asLong());
        assertEquals(1, json(expect(guest.get("/api/errors?limit=1"), 200)).get("groups").size());

        long id = find.get("id").asLong();
        JsonNode detail = json(expect(guest.get("/api/error?id=" + id), 200));
        assertTrue(detail.get("stack").asText().startsWith("java.lang.IllegalStateException: order 0 missing"),
                detail.get("stack").asText());
        assertTrue(!detail.get("stack").asText().contains("k-123"), "masked in the stack too");
        assertEquals(4, detail.get("versions").get(0).get("occurrences").asLong());
        assertEquals("/orders", detail.get("endpoints").get(0).get("endpoint").asText());

        JsonNode brandNew = json(expect(guest.get("/api/errors/first-seen?version=" + DashboardServer.VERSION.name()), 200));
        assertEquals(2, brandNew.size());
        assertEquals(0, json(expect(guest.get("/api/errors/first-seen?version=0.9"), 200)).size());
        assertEquals(2, json(expect(guest.get("/api/errors/first-seen?since=2020-01-01"), 200)).size());
    }

    @Test
    void badErrorParametersAre400NamingTheFieldAndAnUnknownCauseIs404() throws Exception {
        assertTrue(expect(guest.get("/api/error?id=abc"), 400).body().contains("'id'"));
        assertTrue(expect(guest.get("/api/error?id=999"), 404).body().contains("999"));
        assertTrue(expect(guest.get("/api/errors?limit=0"), 400).body().contains("'limit'"));
        assertTrue(expect(guest.get("/api/errors?from=yesterday"), 400).body().contains("'from'"));
        assertTrue(expect(guest.get("/api/errors/first-seen"), 400).body().contains("'version'"));
        assertTrue(expect(guest.get("/api/errors/first-seen?version=1&since=2026-01-01"), 400).body()
                .contains("'since'"));
        assertEquals(401, new DashboardClient(server).get("/api/errors").statusCode());
    }
}
