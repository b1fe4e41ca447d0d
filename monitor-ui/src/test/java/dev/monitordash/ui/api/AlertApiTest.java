package dev.monitordash.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.testing.WebhookServer;
import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static dev.monitordash.ui.support.DashboardClient.expect;
import static dev.monitordash.ui.support.DashboardClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The alert routes through real HTTP against an embedded Jetty over a SQLite file. */
class AlertApiTest {

    private static final String RULE = "{\"name\":\"slow\",\"metric\":\"p95\",\"endpoints\":\"/api/*\","
            + "\"comparison\":\"above\",\"threshold\":\"500ms\",\"window\":\"5m\",\"for\":\"2m\",\"severity\":\"warning\","
            + "\"labels\":{\"team\":\"shop\"}}";

    @TempDir
    Path temp;
    private DashboardServer server;
    private DashboardClient admin;
    private DashboardClient guest;
    private WebhookServer hook;

    @BeforeEach
    void start() throws Exception {
        server = DashboardServer.start(temp, "");
        admin = new DashboardClient(server).loginAsAdmin();
        guest = new DashboardClient(server).loginAsGuest();
        hook = new WebhookServer();
    }

    @AfterEach
    void stop() {
        hook.close();
        server.close();
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return json(r).get("error").asText();
    }

    @Test
    void adminCreatesUpdatesAndDeletesRulesThatGuestsCanRead() throws Exception {
        JsonNode created = json(expect(admin.sendJson("POST", "/api/alerts/rules", RULE), 201));
        assertEquals(500.0, created.get("threshold").asDouble());
        assertEquals("500ms", created.get("thresholdText").asText());
        assertEquals("p95 above 500ms for 2m", created.get("condition").asText());
        long id = created.get("id").asLong();

        JsonNode rules = json(expect(guest.get("/api/alerts/rules"), 200));
        assertEquals("slow", rules.get("rules").get(0).get("name").asText());
        assertTrue(rules.get("metrics").size() >= 12, "the page's choices come with the rules");

        String update = RULE.replace("\"500ms\"", "\"1s\"").replace("{\"name\"", "{\"id\":" + id + ",\"name\"");
        assertEquals("1000ms", json(expect(admin.sendJson("PUT", "/api/alerts/rules", update), 200))
                .get("thresholdText").asText());
        expect(guest.sendJson("POST", "/api/alerts/rules", RULE), 403);
        expect(admin.sendJson("POST", "/api/alerts/rules", RULE.replace("slow", "other"), null), 403);
        expect(admin.sendJson("DELETE", "/api/alerts/rules?id=" + id, ""), 204);
        expect(admin.sendJson("DELETE", "/api/alerts/rules?id=" + id, ""), 404);
        assertEquals(0, json(expect(guest.get("/api/alerts/rules"), 200)).get("rules").size());
    }

    @Test
    void badRulesAreRefusedWithA400NamingTheField() throws Exception {
        assertTrue(error(expect(admin.sendJson("POST", "/api/alerts/rules", RULE.replace("p95", "p42")), 400))
                .startsWith("'metric'"));
        assertTrue(error(expect(admin.sendJson("POST", "/api/alerts/rules",
                RULE.replace("\"p95\"", "\"cpu\"")), 400)).startsWith("'threshold'"));
        assertTrue(error(expect(admin.sendJson("POST", "/api/alerts/rules", RULE.replace("\"5m\"", "\"-5m\"")), 400))
                .startsWith("'window'"));
        assertTrue(error(expect(admin.sendJson("POST", "/api/alerts/rules", RULE.replace("\"warning\"", "\"loud\"")), 400))
                .startsWith("'severity'"));
        assertTrue(error(expect(admin.sendJson("POST", "/api/alerts/rules", RULE.replace("\"team\"", "\"te am\"")), 400))
                .startsWith("'labels'"));
        expect(admin.sendJson("POST", "/api/alerts/rules", RULE), 201);
        assertTrue(error(expect(admin.sendJson("POST", "/api/alerts/rules", RULE), 400)).startsWith("'name'"));
    }

    @Test
    void receiversAreAdminOnlyTheirSecretsNeverReturnedAndTheTestMessageReachesThem() throws Exception {
        String slack = "{\"name\":\"team-slack\",\"kind\":\"slack\",\"settings\":{\"url\":\"" + hook.url("/services/T0/B0/x")
                + "\"}}";
        JsonNode created = json(expect(admin.sendJson("POST", "/api/alerts/receivers", slack), 201));
        assertTrue(created.get("hasSecret").asBoolean());
        assertFalse(created.toString().contains("/services/"), created.toString());
        String listed = expect(admin.get("/api/alerts/receivers"), 200).body();
        assertFalse(listed.contains("/services/"), listed);
        expect(guest.get("/api/alerts/receivers"), 403);

        // Renamed without the secret: the stored URL is kept.
        String rename = "{\"id\":" + created.get("id").asLong() + ",\"name\":\"ops-slack\",\"kind\":\"slack\"}";
        expect(admin.sendJson("PUT", "/api/alerts/receivers", rename), 200);
        JsonNode sent = json(expect(admin.sendJson("POST", "/api/alerts/receivers/test",
                "{\"id\":" + created.get("id").asLong() + "}"), 200));
        assertTrue(sent.get("sent").asBoolean(), sent.toString());
        assertEquals("/services/T0/B0/x", hook.received().get(0).path());
        expect(guest.sendJson("POST", "/api/alerts/receivers/test", "{\"id\":1}"), 403);

        JsonNode history = json(expect(guest.get("/api/alerts/notifications"), 200));
        assertEquals("ops-slack", history.get(0).get("receiver").asText());
        assertEquals("test", history.get(0).get("kind").asText());
        assertEquals("sent", history.get(0).get("outcome").asText());
    }

    @Test
    void webhookUrlsMustBeHttpOrHttps() throws Exception {
        for (String url : new String[] {"file:///etc/passwd", "jar:http://x/!/y", "ftp://example.com/x", "not a url"}) {
            String body = "{\"name\":\"w\",\"kind\":\"webhook\",\"settings\":{\"url\":\"" + url + "\"}}";
            assertTrue(error(expect(admin.sendJson("POST", "/api/alerts/receivers", body), 400)).startsWith("'url'"), url);
        }
        String bad = "{\"name\":\"m\",\"kind\":\"email\",\"settings\":{\"host\":\"smtp.example.com\","
                + "\"from\":\"a@example.com\",\"to\":\"nobody\"}}";
        assertTrue(error(expect(admin.sendJson("POST", "/api/alerts/receivers", bad), 400)).startsWith("'to'"));
    }

    @Test
    void silencesAreWrittenByAdminsAndReadByGuests() throws Exception {
        long rule = json(expect(admin.sendJson("POST", "/api/alerts/rules", RULE), 201)).get("id").asLong();
        JsonNode s = json(expect(admin.sendJson("POST", "/api/alerts/silences",
                "{\"ruleId\":" + rule + ",\"duration\":\"2h\",\"comment\":\"deploying\"}"), 201));
        assertTrue(s.get("active").asBoolean());
        assertEquals("slow", s.get("rule").asText());
        assertEquals("admin", s.get("createdBy").asText());
        assertEquals(1, json(expect(guest.get("/api/alerts/silences"), 200)).size());
        expect(guest.sendJson("POST", "/api/alerts/silences", "{\"ruleId\":" + rule + ",\"duration\":\"2h\"}"), 403);
        assertTrue(error(expect(admin.sendJson("POST", "/api/alerts/silences", "{\"duration\":\"2h\"}"), 400))
                .startsWith("'matchers'"));
        assertTrue(error(expect(admin.sendJson("POST", "/api/alerts/silences", "{\"ruleId\":999,\"duration\":\"2h\"}"),
                400)).startsWith("'ruleId'"));
        expect(admin.sendJson("DELETE", "/api/alerts/silences?id=" + s.get("id").asLong(), ""), 204);
    }

    @Test
    void alertsTellTheEvaluationStatus() throws Exception {
        JsonNode a = json(expect(guest.get("/api/alerts"), 200));
        assertEquals(0, a.get("alerts").size());
        assertTrue(a.get("status").has("leader"));
        assertTrue(a.get("status").has("paused"));
    }
}
