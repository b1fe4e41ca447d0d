package dev.monitordash.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.outlier.Masking;
import dev.monitordash.core.outlier.NameValue;
import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.support.RealCaptures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.monitordash.ui.support.DashboardClient.expect;
import static dev.monitordash.ui.support.DashboardClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The outlier and profile routes through real HTTP against an embedded Jetty over a real SQLite file, with
 * outliers the monitor's own watchdog captured and profiles its own sampler took.
 */
class OutlierApiTest {

    static final String SLOW = "/reports/{id}";

    @TempDir
    Path temp;
    private DashboardServer server;
    private DashboardClient guest;
    private RealCaptures captures;

    @BeforeEach
    void start() throws Exception {
        server = DashboardServer.start(temp, "");
        guest = new DashboardClient(server).loginAsGuest();
        captures = new RealCaptures(server);
        server.declare(SLOW, "ReportServlet");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void listsAnEndpointsOutliersNewestFirstAndShowsOneWithEverythingCaptured() throws Exception {
        captures.learnThreshold(SLOW, 10, 20); // threshold 50 ms
        long first = captures.outlier(SLOW, "ann", List.of(new NameValue("Authorization", "Basic c2VjcmV0"),
                new NameValue("X-Trace", "t-1")), 300);
        long second = captures.outlier(SLOW, "bob", List.of(), 300);

        JsonNode list = json(expect(guest.get("/api/outliers?endpoint=" + q(SLOW)), 200));
        assertEquals(SLOW, list.get("endpoint").asText());
        assertEquals(List.of(second, first), ids(list.get("outliers")));
        JsonNode newest = list.get("outliers").get(0);
        assertEquals("bob", newest.get("user").asText());
        assertEquals(DashboardServer.VERSION.name(), newest.get("version").asText());
        assertEquals(200, newest.get("status").asInt());
        assertTrue(newest.get("durationMillis").asDouble() >= 300, newest.toString());
        assertTrue(newest.get("ranForMillis").asDouble() < newest.get("durationMillis").asDouble());
        assertTrue(Instant.parse(newest.get("capturedAt").asText()).isAfter(Instant.parse(newest.get("startedAt").asText())));
        assertEquals(List.of(second), ids(json(expect(guest.get("/api/outliers?endpoint=" + q(SLOW) + "&limit=1"), 200))
                .get("outliers")));

        JsonNode d = json(expect(guest.get("/api/outlier?id=" + first), 200));
        assertEquals(SLOW, d.get("endpoint").asText());
        assertEquals(first, d.get("outlier").get("id").asLong());
        assertTrue(d.get("requestStack").asText().contains("example.shop.Reports.render"), d.get("requestStack").asText());
        String requestThread = d.get("requestThread").asText();
        boolean inDump = false;
        for (JsonNode t : d.get("threads")) {
            if (t.get("name").asText().equals(requestThread)) {
                inDump = true;
                assertEquals("TIMED_WAITING", t.get("state").asText());
                assertTrue(t.get("stack").asText().contains("Reports.render"));
            }
        }
        assertTrue(inDump, "the request thread is in the dump of all threads");
        JsonNode request = d.get("request");
        assertEquals("GET", request.get("method").asText());
        assertEquals("ann", request.get("user").asText());
        assertEquals(Masking.MASK, field(request.get("headers"), "Authorization"));
        assertEquals("t-1", field(request.get("headers"), "X-Trace"));
        assertEquals(Masking.MASK, field(request.get("parameters"), "password"));
        assertEquals("page=2&password=" + Masking.MASK, request.get("query").asText());
        JsonNode system = d.get("system");
        assertTrue(system.get("cpuPerCore").size() >= Runtime.getRuntime().availableProcessors(), system.toString());
        assertTrue(system.get("heapUsed").asLong() > 0 && system.get("memoryTotal").asLong() > 0);
        assertEquals(3, system.get("loadAverage").size());
    }

    @Test
    void cpuPerCoreAcrossTheOutliersIsOneBoxPlotPerProcessor() throws Exception {
        captures.learnThreshold(SLOW, 10, 20);
        for (int i = 0; i < 3; i++) {
            captures.outlier(SLOW, "ann", List.of(), 200);
        }

        JsonNode cpu = json(expect(guest.get("/api/outliers/cpu?endpoint=" + q(SLOW)), 200));
        assertEquals(3, cpu.get("outliers").asInt());
        JsonNode cores = cpu.get("cores");
        assertTrue(cores.size() >= Runtime.getRuntime().availableProcessors(), cpu.toString());
        for (int i = 0; i < cores.size(); i++) {
            JsonNode box = cores.get(i);
            assertEquals("CPU " + i, box.get("label").asText());
            assertEquals(3, box.get("count").asLong());
            assertTrue(box.get("min").asDouble() <= box.get("median").asDouble()
                    && box.get("median").asDouble() <= box.get("max").asDouble());
            assertTrue(box.get("min").asDouble() >= 0 && box.get("max").asDouble() <= 100, box.toString());
        }
        // Each box is over the stored loads of that processor.
        List<Double> core0 = new ArrayList<>();
        for (JsonNode o : json(expect(guest.get("/api/outliers?endpoint=" + q(SLOW)), 200)).get("outliers")) {
            core0.add(json(expect(guest.get("/api/outlier?id=" + o.get("id").asLong()), 200))
                    .get("system").get("cpuPerCore").get(0).asDouble());
        }
        core0.sort(null);
        assertEquals(core0.get(1), cores.get(0).get("median").asDouble(), 0.001);
        assertEquals(core0.get(0), cores.get(0).get("min").asDouble(), 0.001);
    }

    @Test
    void profileOfOneRequestAndGroupedProfileAttributeTheTimeToTheBusyMethod() throws Exception {
        captures.profiled(SLOW, 200);
        captures.profiled(SLOW, 200);

        JsonNode list = json(expect(guest.get("/api/profiles?endpoint=" + q(SLOW)), 200));
        assertEquals(2, list.get("profiles").size());
        long id = list.get("profiles").get(0).get("id").asLong();
        assertEquals(5.0, list.get("profiles").get(0).get("periodMillis").asDouble());

        JsonNode one = json(expect(guest.get("/api/profile?id=" + id), 200));
        assertEquals(1, one.get("requests").asInt());
        assertEquals(id, one.get("id").asLong());
        JsonNode root = one.get("root");
        assertEquals(one.get("samples").asLong(), root.get("hits").asLong());
        assertEquals(one.get("durationMillis").asDouble(), root.get("totalMillis").asDouble(), 0.01);
        assertEquals(1.0, root.get("share").asDouble(), 1e-9);
        JsonNode busy = find(root, "example.shop.Reports.compute");
        assertTrue(busy.get("share").asDouble() >= 0.8, busy.toString());

        JsonNode grouped = json(expect(guest.get("/api/profile/grouped?endpoint=" + q(SLOW) + "&last=10"), 200));
        assertEquals(2, grouped.get("requests").asInt());
        assertTrue(grouped.get("id").isNull());
        JsonNode merged = find(grouped.get("root"), "example.shop.Reports.compute");
        assertTrue(merged.get("hits").asLong() > busy.get("hits").asLong(), "hits of both requests");
        assertEquals(merged.get("totalMillis").asDouble() / 2, merged.get("meanMillis").asDouble(), 1e-6);
        assertTrue(merged.get("meanMillis").asDouble() >= 0.8 * 200, merged.toString());
        // Children come most-hit first.
        JsonNode children = grouped.get("root").get("children");
        for (int i = 1; i < children.size(); i++) {
            assertTrue(children.get(i - 1).get("hits").asLong() >= children.get(i).get("hits").asLong());
        }
    }

    @Test
    void badInputIsA400NamingTheParameterAndAMissingIdA404() throws Exception {
        String e = "endpoint=" + q(SLOW);
        assertError(guest.get("/api/outliers"), 400, "'endpoint' is required");
        assertError(guest.get("/api/outliers?endpoint=" + q("/nope")), 400, "unknown endpoint: /nope");
        assertError(guest.get("/api/outliers?" + e + "&limit=0"), 400, "'limit' must be an integer 1-1000, was '0'");
        assertError(guest.get("/api/outliers?" + e + "&from=yesterday"), 400, "'from' must be an ISO date");
        assertError(guest.get("/api/outliers/cpu?endpoint=" + q("/nope")), 400, "unknown endpoint: /nope");
        assertError(guest.get("/api/outlier"), 400, "'id' is required");
        assertError(guest.get("/api/outlier?id=abc"), 400, "'id' must be a positive integer, was 'abc'");
        assertError(guest.get("/api/outlier?id=-3"), 400, "'id' must be a positive integer");
        assertError(guest.get("/api/outlier?id=424242"), 404, "no outlier 424242");
        assertError(guest.get("/api/profile?id=424242"), 404, "no profile 424242");
        assertError(guest.get("/api/profiles?endpoint=" + q("/nope")), 400, "unknown endpoint: /nope");
        assertError(guest.get("/api/profile/grouped?" + e + "&last=5000"), 400, "'last' must be an integer 1-1000");
        assertError(guest.get("/api/profile/grouped"), 400, "'endpoint' is required");
        assertEquals(405, guest.sendJson("POST", "/api/outliers?" + e, "{}").statusCode());
        assertEquals(401, new DashboardClient(server).get("/api/outliers?" + e).statusCode());
    }

    @Test
    void rangeSelectsOutliersByCaptureTimeAndEmptyEndpointsAnswerEmpty() throws Exception {
        JsonNode none = json(expect(guest.get("/api/outliers?endpoint=" + q(SLOW)), 200));
        assertEquals(0, none.get("outliers").size());
        JsonNode noCpu = json(expect(guest.get("/api/outliers/cpu?endpoint=" + q(SLOW)), 200));
        assertEquals(0, noCpu.get("outliers").asInt());
        assertEquals(0, noCpu.get("cores").size());
        JsonNode noProfile = json(expect(guest.get("/api/profile/grouped?endpoint=" + q(SLOW)), 200));
        assertEquals(0, noProfile.get("requests").asInt());

        captures.learnThreshold(SLOW, 10, 20);
        captures.outlier(SLOW, "ann", List.of(), 200);
        String today = java.time.LocalDate.now(DashboardServer.ZONE).toString();
        String longAgo = "from=2020-01-01&to=2020-01-31";
        assertEquals(1, json(expect(guest.get("/api/outliers?endpoint=" + q(SLOW) + "&from=" + today), 200))
                .get("outliers").size());
        assertEquals(0, json(expect(guest.get("/api/outliers?endpoint=" + q(SLOW) + "&" + longAgo), 200))
                .get("outliers").size());
        assertEquals(0, json(expect(guest.get("/api/outliers/cpu?endpoint=" + q(SLOW) + "&" + longAgo), 200))
                .get("outliers").asInt());
    }

    private static void assertError(java.net.http.HttpResponse<String> r, int status, String message) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        String error = json(r).get("error").asText();
        assertTrue(error.startsWith(message), error);
    }

    private static List<Long> ids(JsonNode outliers) {
        List<Long> out = new ArrayList<>();
        outliers.forEach(o -> out.add(o.get("id").asLong()));
        return out;
    }

    private static String field(JsonNode fields, String name) {
        for (JsonNode f : fields) {
            if (f.get("name").asText().equals(name)) {
                return f.get("value").asText();
            }
        }
        throw new AssertionError(name + " not in " + fields);
    }

    /** The outermost node whose frame contains the text, depth first. */
    private static JsonNode find(JsonNode node, String frame) {
        if (node.get("frame").asText().contains(frame)) {
            return node;
        }
        for (JsonNode c : node.get("children")) {
            JsonNode found = find(c, frame);
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
