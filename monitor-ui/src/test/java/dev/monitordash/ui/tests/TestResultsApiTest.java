package dev.monitordash.ui.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.monitordash.core.tests.IssuedToken;
import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

import static dev.monitordash.ui.support.DashboardClient.JSON;
import static dev.monitordash.ui.support.DashboardClient.expect;
import static dev.monitordash.ui.support.DashboardClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST api/tests/results} and the Tests page's routes through real HTTP against an embedded Jetty
 * over a SQLite file: token checks, limits, idempotence, and the views reading back what was posted.
 */
class TestResultsApiTest {

    @TempDir
    Path temp;
    private DashboardServer server;
    private DashboardClient admin;
    private String secret;

    @BeforeEach
    void start() throws Exception {
        server = DashboardServer.start(temp, "");
        admin = new DashboardClient(server).loginAsAdmin();
        JsonNode created = json(expect(admin.sendJson("POST", "/api/tests/tokens", "{\"name\": \"ci\", \"days\": 30}"), 201));
        secret = created.get("secret").asText();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static ObjectNode run(String runId, String version, int tests, long micros) {
        ObjectNode run = JSON.createObjectNode().put("runId", runId).put("version", version)
                .put("startedAt", "2026-12-01T10:00:00Z");
        ArrayNode results = run.putArray("results");
        for (int i = 0; i < tests; i++) {
            results.addObject().put("key", "[class:shop.CartTest]/[method:t" + i + "()]")
                    .put("className", "shop.CartTest").put("methodName", "t" + i).put("displayName", "t" + i + "()")
                    .put("outcome", i % 10 == 9 ? "failed" : "passed").put("durationMicros", micros + i)
                    .put("repetition", 1).put("startedAt", "2026-12-01T10:00:01.000123Z");
        }
        return run;
    }

    HttpResponse<String> post(String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/api/tests/results"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return admin.send(b);
    }

    long stored() {
        return server.monitor().store().tests().queries().outcomes().stream()
                .mapToLong(o -> o.passed() + o.failed() + o.skipped() + o.aborted()).sum();
    }

    @Test
    void aRunPostedWithATokenIsStoredOnceHoweverOftenItIsPosted() throws Exception {
        String body = run("ci-1", "1.0", 20, 1_000).toString();
        JsonNode first = json(expect(post(body, secret), 200));
        assertEquals(20, first.get("stored").asInt());
        JsonNode again = json(expect(post(body, secret), 200));
        assertEquals(0, again.get("stored").asInt());
        assertEquals(20, again.get("duplicates").asInt());
        assertEquals(20, stored());
    }

    @Test
    void withoutAWrongARevokedOrAnExpiredTokenThePostIs401AndNothingIsStored() throws Exception {
        String body = run("ci-2", "1.0", 3, 1_000).toString();
        HttpResponse<String> none = expect(post(body, null), 401);
        assertTrue(none.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
        expect(post(body, secret + "x"), 401);
        expect(post(body, DashboardServer.ADMIN_PASSWORD), 401); // the login password is no token
        // Nor does a dashboard session let CI in: the route knows tokens only.
        expect(admin.sendJson("POST", "/api/tests/results", body), 401);
        IssuedToken shortLived = server.monitor().store().tests().createToken("brief", "admin", Duration.ofMillis(1));
        Thread.sleep(5);
        HttpResponse<String> expired = expect(post(body, shortLived.secret()), 401);
        assertTrue(json(expired).get("error").asText().contains("expired"), expired.body());
        long id = json(expect(admin.get("/api/tests/tokens"), 200)).get(1).get("id").asLong();
        expect(admin.sendJson("DELETE", "/api/tests/tokens?id=" + id, ""), 204);
        expect(post(body, secret), 401);
        assertEquals(0, stored());
    }

    @Test
    void tenThousandTestsGoInOnePostPlainOrGzipped() throws Exception {
        String body = run("ci-big", "1.0", 10_000, 5_000).toString();
        long start = System.nanoTime();
        JsonNode plain = json(expect(post(body, secret), 200));
        long plainMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(10_000, plain.get("stored").asInt());
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(run("ci-big-2", "1.0", 10_000, 5_000).toString().getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> gzipped = expect(admin.send(HttpRequest.newBuilder(server.uri("/api/tests/results"))
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip")
                .header("Authorization", "Bearer " + secret)
                .POST(HttpRequest.BodyPublishers.ofByteArray(zipped.toByteArray()))), 200);
        assertEquals(10_000, json(gzipped).get("stored").asInt());
        System.out.println("POST of 10 000 results: " + body.length() / 1024 + " KB JSON, " + zipped.size() / 1024
                + " KB gzipped, stored in " + plainMillis + " ms");
        assertEquals(20_000, stored());
    }

    @Test
    void unknownFieldsAreIgnoredSoANewerExtensionCanPostToAnOlderDashboard() throws Exception {
        ObjectNode run = run("ci-3", "1.0", 2, 1_000);
        run.put("ciSystem", "github");
        ((ObjectNode) run.get("results").get(0)).putObject("tags").put("slow", true);
        assertEquals(2, json(expect(post(run.toString(), secret), 200)).get("stored").asInt());
    }

    @Test
    void badInputIs400NamingTheFieldAndNothingIsStored() throws Exception {
        ObjectNode longName = run("ci-4", "1.0", 3, 1_000);
        ((ObjectNode) longName.get("results").get(2)).put("displayName", "x".repeat(10 * 1024));
        assertError(post(longName.toString(), secret), 400, "results[2].displayName is 10240 characters long");
        ObjectNode badOutcome = run("ci-4", "1.0", 1, 1_000);
        ((ObjectNode) badOutcome.get("results").get(0)).put("outcome", "green");
        assertError(post(badOutcome.toString(), secret), 400, "results[0].outcome must be passed, failed");
        ObjectNode badDuration = run("ci-4", "1.0", 1, 1_000);
        ((ObjectNode) badDuration.get("results").get(0)).put("durationMicros", "fast");
        assertError(post(badDuration.toString(), secret), 400, "results[0].durationMicros must be a whole number");
        assertError(post(run("ci 4", "1.0", 1, 1).toString(), secret), 400, "runId may hold only");
        ObjectNode noResults = run("ci-4", "1.0", 0, 1);
        noResults.remove("results");
        assertError(post(noResults.toString(), secret), 400, "results is required");
        ObjectNode badTime = run("ci-4", "1.0", 1, 1);
        badTime.put("startedAt", "yesterday");
        assertError(post(badTime.toString(), secret), 400, "startedAt must be an ISO-8601 time");
        assertError(post("{not json", secret), 400, "malformed JSON");
        assertEquals(0, stored());
        expect(post(run("ci-5", "1.0", 1, 1).toString(), secret), 200);
        assertError(post(run("ci-5", "2.0", 1, 1).toString(), secret), 409, "stored with version 1.0");
        assertEquals(1, stored());
    }

    @Test
    void onlyAnAdminWithTheCsrfTokenManagesTokensAndTheSecretIsShownOnlyOnCreation() throws Exception {
        DashboardClient guest = new DashboardClient(server).loginAsGuest();
        expect(guest.sendJson("POST", "/api/tests/tokens", "{\"name\": \"mine\"}"), 403);
        expect(guest.get("/api/tests/tokens"), 403);
        expect(admin.sendJson("POST", "/api/tests/tokens", "{\"name\": \"x\"}", null), 403);
        assertError(admin.sendJson("POST", "/api/tests/tokens", "{\"name\": \"x\", \"days\": 0}"), 400, "'days'");
        assertError(admin.sendJson("POST", "/api/tests/tokens", "{\"name\": \"\"}"), 400, "'name'");
        String listed = expect(admin.get("/api/tests/tokens"), 200).body();
        assertFalse(listed.contains(secret), "a listed token never shows its secret");
        assertEquals("ci", JSON.readTree(listed).get(0).get("name").asText());
        // Guests see the views.
        expect(guest.get("/api/tests/outcomes"), 200);
    }

    @Test
    void theViewsReadBackWhatWasPosted() throws Exception {
        for (int i = 0; i < 10; i++) {
            expect(post(run("a-" + i, "1.0", 30, 1_000).toString(), secret), 200);
            expect(post(run("b-" + i, "1.1", 30, 1_000).toString().replace("\"durationMicros\":1007",
                    "\"durationMicros\":" + (3_000 + i)), secret), 200);
        }
        JsonNode outcomes = json(expect(admin.get("/api/tests/outcomes"), 200));
        assertEquals("1.0", outcomes.get(0).get("version").asText());
        assertEquals(10 * 27, outcomes.get(0).get("passed").asLong());
        assertEquals(10 * 3, outcomes.get(0).get("failed").asLong());
        JsonNode versions = json(expect(admin.get("/api/tests/versions"), 200));
        assertEquals(10, versions.get(1).get("runs").asInt());
        assertEquals("2026-12-01T10:00:00Z", versions.get(1).get("firstRun").asText());
        JsonNode slowest = json(expect(admin.get("/api/tests/slowest?version=1.1&limit=1"), 200));
        assertEquals("shop.CartTest#t7", slowest.get("tests").get(0).get("test").asText());
        JsonNode boxes = json(expect(admin.get("/api/tests/boxes?test=shop.CartTest%23t7"), 200));
        assertEquals(2, boxes.get("versions").size());
        assertEquals(1.007, boxes.get("versions").get(0).get("median").asDouble(), 1e-9);
        JsonNode compare = json(expect(admin.get("/api/tests/compare?before=1.0&after=1.1"), 200));
        assertEquals(27, compare.get("compared").asInt());
        assertEquals("shop.CartTest#t7", compare.get("slower").get(0).get("test").asText());
        assertEquals(1, compare.get("slower").size());
        assertError(admin.get("/api/tests/slowest"), 400, "'version' is required");
        assertError(admin.get("/api/tests/boxes?test=" + "x".repeat(3_000)), 400, "'test' may be at most");
        expect(admin.get("/api/tests/nothing"), 404);
    }

    static void assertError(HttpResponse<String> response, int status, String fragment) throws Exception {
        expect(response, status);
        String error = json(response).get("error").asText();
        assertTrue(error.contains(fragment), error);
    }
}
