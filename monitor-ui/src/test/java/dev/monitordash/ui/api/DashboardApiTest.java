package dev.monitordash.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.monitordash.ui.support.DashboardClient.expect;
import static dev.monitordash.ui.support.DashboardClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JSON API's answers and its refusals of bad input, through real HTTP against an embedded Jetty. */
class DashboardApiTest {

    @TempDir
    Path temp;
    private DashboardServer server;
    private DashboardClient admin;

    @BeforeEach
    void start() throws Exception {
        server = DashboardServer.start(temp, "");
        admin = new DashboardClient(server).loginAsAdmin();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void sessionTellsUserRoleCsrfTokenAndTimezone() throws Exception {
        JsonNode s = json(expect(admin.get("/api/session"), 200));
        assertEquals("admin", s.get("user").asText());
        assertEquals("admin", s.get("role").asText());
        assertEquals(admin.csrfToken(), s.get("csrfToken").asText());
        assertEquals("Europe/Amsterdam", s.get("timezone").asText());
    }

    @Test
    void endpointsMergeTheLiveRegistryWithWhatTheStoreRecorded() throws Exception {
        server.declare("/orders/{id}", "OrderServlet");
        server.declare("/health", "HealthServlet");
        Instant last = Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.MILLIS);
        server.record("/orders/{id}", "GET", 200, 12, last.minusSeconds(60));
        server.record("/orders/{id}", "POST", 201, 30, last);
        server.record("/orders/{id}", "GET", 200, 11, last.minusSeconds(30));
        server.awaitWritten(3);
        server.monitor().changeLevel("/health", MonitoringLevel.OFF);

        JsonNode table = json(expect(admin.get("/api/endpoints"), 200));

        assertEquals(4, table.get("levels").size());
        assertEquals("profiler", table.get("levels").get(3).get("name").asText());
        assertTrue(table.get("storeError").isNull());
        Map<String, JsonNode> rows = byName(table.get("endpoints"), "endpoint");
        JsonNode orders = rows.get("/orders/{id}");
        assertEquals("route", orders.get("kind").asText());
        assertEquals("OrderServlet", orders.get("handler").asText());
        assertEquals(List.of("GET", "POST"), texts(orders.get("methods")));
        assertEquals(1, orders.get("level").asInt());
        assertTrue(orders.get("live").asBoolean());
        assertEquals("1.4.2", orders.get("firstVersion").asText());
        assertEquals(last, Instant.parse(orders.get("lastRequested").asText()));
        JsonNode health = rows.get("/health");
        assertEquals(0, health.get("level").asInt());
        assertEquals(List.of(), texts(health.get("methods")));
        assertTrue(health.get("lastRequested").isNull());
        assertTrue(rows.containsKey("(not found)"));
        assertEquals("not-found", rows.get("(not found)").get("kind").asText());
        // Routes first, sorted by name; the catch-all endpoints after them.
        List<String> order = new ArrayList<>();
        table.get("endpoints").forEach(r -> order.add(r.get("endpoint").asText()));
        assertEquals(List.of("/health", "/orders/{id}"), order.subList(0, 2));
    }

    @Test
    void overviewReportsHitsMedianErrorsAndLastRequestPerEndpoint() throws Exception {
        server.declare("/search", "SearchServlet");
        server.declare("/idle", "IdleServlet");
        Instant now = Instant.now();
        Instant startOfToday = ZonedDateTime.now(DashboardServer.ZONE).truncatedTo(ChronoUnit.DAYS).toInstant();
        Instant today = now.isAfter(startOfToday.plusSeconds(60)) ? now.minusSeconds(30) : now;
        server.record("/search", "GET", 200, 10, today);
        server.record("/search", "GET", 500, 30, today);
        server.record("/search", "GET", 404, 20, now.minus(3, ChronoUnit.DAYS));
        server.record("/search", "GET", 200, 40, now.minus(20, ChronoUnit.DAYS));
        server.awaitWritten(4);

        JsonNode overview = json(expect(admin.get("/api/overview"), 200));

        assertEquals("Europe/Amsterdam", overview.get("timezone").asText());
        Map<String, JsonNode> rows = byName(overview.get("endpoints"), "endpoint");
        JsonNode search = rows.get("/search");
        assertEquals(2, search.get("hitsToday").asLong());
        assertEquals(3, search.get("hitsLast7Days").asLong());
        assertEquals(4, search.get("hitsTotal").asLong());
        assertEquals(25.0, search.get("medianMillis").asDouble(), 0.25, "from the daily sketches: within 1 %");
        assertEquals(2, search.get("errors").asLong());
        assertEquals(today.truncatedTo(ChronoUnit.MICROS), Instant.parse(search.get("lastRequested").asText()));
        JsonNode idle = rows.get("/idle");
        assertEquals(0, idle.get("hitsTotal").asLong());
        assertTrue(idle.get("medianMillis").isNull(), "no NaN in JSON: " + idle);
        assertTrue(idle.get("lastRequested").isNull());
    }

    @Test
    void statusReportsVersionPipelineAndStoreHealth() throws Exception {
        server.declare("/a", "A");
        server.record("/a", "GET", 200, 1, Instant.now());
        server.record("/a", "GET", 200, 1, Instant.now());
        server.awaitWritten(2);

        JsonNode status = json(expect(admin.get("/api/status"), 200));

        assertEquals("1.4.2", status.get("version").get("name").asText());
        assertEquals("git", status.get("version").get("source").asText());
        assertEquals(List.of("v1.4.2"), texts(status.get("version").get("tags")));
        assertEquals("shop", status.get("service").asText());
        assertEquals("test-1", status.get("instance").asText());
        assertEquals(2, status.get("pipeline").get("written").asLong());
        assertEquals(0, status.get("pipeline").get("dropped").asLong());
        assertEquals(2, status.get("pipeline").get("offered").asLong());
        for (String counter : List.of("rejected", "failed", "lost", "queued")) {
            assertEquals(0, status.get("pipeline").get(counter).asLong(), counter);
        }
        assertEquals("ok", status.get("store").get("state").asText());
        assertTrue(status.get("store").get("healthy").asBoolean());
        assertTrue(status.get("store").get("lastError").isNull());
    }

    @Test
    void badLevelChangesGet400NamingTheProblemAndChangeNothing() throws Exception {
        server.declare("/orders", "OrderServlet");
        Map<String, String> bodies = Map.of(
                "{\"endpoint\":\"/orders\",\"level\":7}", "'level' must be 0-3",
                "{\"endpoint\":\"/orders\",\"level\":-1}", "'level' must be 0-3",
                "{\"endpoint\":\"/orders\",\"level\":\"3\"}", "'level' must be an integer",
                "{\"endpoint\":\"/orders\",\"level\":2.5}", "'level' must be an integer",
                "{\"endpoint\":\"/orders\"}", "'level' is required",
                "{\"level\":2}", "'endpoint' is required",
                "{\"endpoint\":\"/nowhere\",\"level\":2}", "unknown endpoint: /nowhere",
                "{\"endpoint\":\"/orders\",\"level\":2", "malformed JSON",
                "[1,2]", "request body must be a JSON object",
                "", "request body must be a JSON object");
        for (Map.Entry<String, String> c : bodies.entrySet()) {
            HttpResponse<String> r = admin.sendJson("PUT", "/api/endpoints/level", c.getKey());
            assertEquals(400, r.statusCode(), c.getKey());
            String error = json(r).get("error").asText();
            assertTrue(error.contains(c.getValue()), c.getKey() + " -> " + error);
            assertFalse(r.body().contains("Exception"), r.body());
        }
        assertEquals(1, server.monitor().endpoints().find("/orders").level());
        assertEquals(1, server.storedLevel("/orders"));
    }

    @Test
    void levelChangeNeedsAJsonBody() throws Exception {
        server.declare("/orders", "OrderServlet");
        HttpResponse<String> r = admin.send(admin.request("/api/endpoints/level")
                .header("Content-Type", "text/plain").header("X-CSRF-Token", admin.csrfToken())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("endpoint=/orders&level=3")));
        assertEquals(415, r.statusCode());
        assertEquals("Content-Type must be application/json", json(r).get("error").asText());
        assertEquals(1, server.monitor().endpoints().find("/orders").level());
    }

    @Test
    void oversizedBodyIsRefusedWith413() throws Exception {
        String huge = "{\"endpoint\":\"" + "x".repeat(70_000) + "\",\"level\":1}";
        HttpResponse<String> r = admin.sendJson("PUT", "/api/endpoints/level", huge);
        assertEquals(413, r.statusCode());
        assertTrue(json(r).get("error").asText().contains("larger than"));
    }

    @Test
    void unknownRoutesGet404AndWrongMethods405WithAllow() throws Exception {
        HttpResponse<String> missing = admin.get("/api/nothing");
        assertEquals(404, missing.statusCode());
        assertEquals("not found", json(missing).get("error").asText());

        HttpResponse<String> post = admin.sendJson("POST", "/api/overview", "{}");
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
        assertEquals("method not allowed", json(post).get("error").asText());

        HttpResponse<String> get = admin.get("/api/endpoints/level");
        assertEquals(405, get.statusCode());
        assertEquals("PUT", get.headers().firstValue("Allow").orElseThrow());

        HttpResponse<String> getLogin = admin.get("/api/login");
        assertEquals(405, getLogin.statusCode());
        assertEquals("POST", getLogin.headers().firstValue("Allow").orElseThrow());

        assertEquals(404, admin.get("/no-such-page").statusCode());
    }

    @Test
    void aStoreWhoseDatabaseStoppedGives503WithoutChangingTheLevel() throws Exception {
        try (PostgresTestDatabase postgres = PostgresTestDatabase.start();
             DashboardServer onPostgres = DashboardServer.start("", DashboardServer.defaultConfig(temp)
                     .databaseUrl(postgres.freshUrl()).databaseUser(PostgresTestDatabase.USER))) {
            DashboardClient pgAdmin = new DashboardClient(onPostgres).loginAsAdmin();
            onPostgres.declare("/orders", "OrderServlet");
            assertEquals(1, onPostgres.storedLevel("/orders"));
            postgres.close(); // the database server stops under the running dashboard

            HttpResponse<String> overview = pgAdmin.get("/api/overview");
            assertEquals(503, overview.statusCode());
            assertTrue(json(overview).get("error").asText().startsWith("the monitoring store is unavailable"));

            HttpResponse<String> change = pgAdmin.changeLevel("/orders", 3);
            assertEquals(503, change.statusCode());
            assertEquals(1, onPostgres.monitor().endpoints().find("/orders").level());

            // The rules table still shows the live registry, and says what it could not read.
            JsonNode table = json(expect(pgAdmin.get("/api/endpoints"), 200));
            assertFalse(table.get("storeError").asText().isBlank(), table.toString());
            assertTrue(byName(table.get("endpoints"), "endpoint").containsKey("/orders"));
        }
    }

    @Test
    void apiRefusesLoginWithMalformedBodyWithoutCountingItAsAFailure() throws Exception {
        DashboardClient client = new DashboardClient(server);
        for (int i = 0; i < 6; i++) {
            HttpResponse<String> r = client.sendJson("POST", "/api/login", "{\"username\":\"admin\"}", null);
            assertEquals(400, r.statusCode());
            assertEquals("'password' is required", json(r).get("error").asText());
        }
        assertEquals(200, client.login("admin", DashboardServer.ADMIN_PASSWORD).statusCode());
    }

    private static Map<String, JsonNode> byName(JsonNode array, String field) {
        Map<String, JsonNode> map = new java.util.LinkedHashMap<>();
        array.forEach(n -> map.put(n.get(field).asText(), n));
        return map;
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
