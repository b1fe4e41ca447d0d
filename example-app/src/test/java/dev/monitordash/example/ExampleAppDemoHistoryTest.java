package dev.monitordash.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --demo-history} as a user runs it: the example app backfills 14 days into a real SQLite file while
 * it starts, and the dashboard's JSON API (logged in as the example's admin/admin) shows the history.
 */
class ExampleAppDemoHistoryTest {

    private static final int DAYS = 14;
    private static final int USERS = 40;
    private static final String CURRENT = "2.0.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static Server server;
    private static String base;
    private static Instant started;
    private static final HttpClient CLIENT = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("monitordash.database", "jdbc:sqlite:" + dir.resolve("demo.db"));
        System.setProperty("monitordash.version", CURRENT);
        System.setProperty("monitordash.timezone", "Europe/Amsterdam");
        started = Instant.now();
        server = ExampleApp.start(0, DAYS, USERS);
        base = "http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/dashboard/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin\"}")));
        assertEquals(200, login.statusCode(), login.body());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        System.clearProperty("monitordash.database");
        System.clearProperty("monitordash.version");
        System.clearProperty("monitordash.timezone");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/dashboard/api/" + pathAndQuery)));
        assertEquals(200, response.statusCode(), pathAndQuery + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static String encoded(String endpoint) {
        return URLEncoder.encode(endpoint, StandardCharsets.UTF_8);
    }

    private static long totalRequests() throws Exception {
        long total = 0;
        for (JsonNode e : api("overview").get("endpoints")) {
            total += e.get("hitsTotal").asLong();
        }
        return total;
    }

    @Test
    void versionSlowdownRuleFiresOnTheDemoHistorysSlowerVersion() throws Exception {
        dev.monitordash.core.alert.Alerting alerting = dev.monitordash.servlet.MonitoringDashboard.monitor(
                ((org.eclipse.jetty.ee10.servlet.ServletContextHandler) server.getHandler()).getServletContext())
                .orElseThrow().alerting().orElseThrow();
        alerting.addReadyMadeRules();
        alerting.evaluateNow();
        JsonNode alerts = api("alerts").get("alerts");
        List<String> slower = new ArrayList<>();
        for (JsonNode a : alerts) {
            if (a.get("rule").asText().equals("New version made an endpoint slower")) {
                slower.add(a.get("series").asText() + " " + a.get("state").asText());
            }
        }
        assertEquals(List.of(DemoHistory.REGRESSED_ENDPOINT + " (1.1.0 → " + DemoHistory.REGRESSED_VERSION + ") firing"),
                slower, alerts.toString());
    }

    @Test
    void versionsHaveTheirFirstSeenTimesSpreadOverTheDaysWithTheRunningOneLast() throws Exception {
        JsonNode versions = api("endpoint/versions?endpoint=" + encoded(DemoHistory.REGRESSED_ENDPOINT)).get("versions");
        List<String> names = new ArrayList<>();
        Instant previous = Instant.MIN;
        for (JsonNode v : versions) {
            names.add(v.get("version").asText());
            Instant firstSeen = Instant.parse(v.get("firstSeen").asText());
            assertTrue(firstSeen.isAfter(previous), versions.toString());
            previous = firstSeen;
            assertTrue(v.get("box").get("count").asLong() > 100, v.toString());
        }
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0", CURRENT), names);
        Instant oldest = Instant.parse(versions.get(0).get("firstSeen").asText());
        Duration back = Duration.between(oldest, started);
        assertTrue(back.compareTo(Duration.ofDays(DAYS).minusMinutes(1)) > 0
                && back.compareTo(Duration.ofDays(DAYS).plusMinutes(1)) < 0, "oldest first seen " + oldest);
    }

    @Test
    void loadHeatmapHasEveryDayWithQuietNightsAndBusyWorkingHours() throws Exception {
        JsonNode load = api("analytics/load");
        int daysWithRequests = 0;
        long night = 0;
        long work = 0;
        for (JsonNode day : load.get("counts")) {
            long total = 0;
            for (int hour = 0; hour < 24; hour++) {
                long n = day.get(hour).asLong();
                total += n;
                night += hour >= 1 && hour < 5 ? n : 0;
                work += hour >= 10 && hour < 14 ? n : 0;
            }
            daysWithRequests += total > 0 ? 1 : 0;
        }
        assertTrue(daysWithRequests >= DAYS && daysWithRequests <= DAYS + 1, "days: " + daysWithRequests);
        assertTrue(night * 10 < work, "night " + night + ", working hours " + work);
        long total = load.get("total").asLong();
        assertTrue(total > 400L * DAYS && total < 1_700L * DAYS, "requests: " + total);
    }

    @Test
    void dozensOfUsersFromSeveralAddressesAndTheSlowOnesStandOut() throws Exception {
        JsonNode boxes = api("endpoint/users?endpoint=" + encoded("/api/languages") + "&top=1000").get("boxes");
        Map<String, Double> medians = new HashMap<>();
        // Requests without a user (the demo's CI test runs made some) have a box of their own: not a user's.
        boxes.forEach(b -> {
            if (!b.get("label").isNull()) {
                medians.put(b.get("label").asText(), b.get("median").asDouble());
            }
        });
        assertTrue(medians.size() >= 30, "users: " + medians.keySet());
        List<Double> usual = new ArrayList<>();
        List<Double> slow = new ArrayList<>();
        medians.forEach((user, median) -> (DemoHistory.isSlowUser(Integer.parseInt(user.substring(4))) ? slow : usual)
                .add(median));
        usual.sort(null);
        double usualMedian = usual.get(usual.size() / 2);
        assertEquals(4, slow.size(), medians.toString());
        slow.forEach(m -> assertTrue(m > 1.8 * usualMedian, "slow user's median " + m + " vs " + usualMedian));

        JsonNode addresses = api("endpoint/ip-versions?endpoint=" + encoded("/api/languages") + "&top=1000");
        assertTrue(addresses.get("groups").size() > medians.size() + 20, addresses.get("groups").toString());
    }

    @Test
    void reportFindsTheRegressionSignificantAndItsFix() throws Exception {
        JsonNode report = api("analytics/report?beforeVersion=1.1.0&afterVersion=" + DemoHistory.REGRESSED_VERSION);
        JsonNode worst = report.get("slower").get(0);
        assertEquals(DemoHistory.REGRESSED_ENDPOINT, worst.get("endpoint").asText(), report.get("slower").toString());
        assertTrue(worst.get("significant").asBoolean());
        assertTrue(worst.get("p").asDouble() < 1e-6, worst.toString());
        double ratio = worst.get("medianAfter").asDouble() / worst.get("medianBefore").asDouble();
        assertTrue(ratio > 1.6 && ratio < 2.4, worst.toString());

        JsonNode fix = api("analytics/report?beforeVersion=" + DemoHistory.REGRESSED_VERSION + "&afterVersion=1.3.0");
        assertEquals(DemoHistory.REGRESSED_ENDPOINT, fix.get("faster").get(0).get("endpoint").asText(),
                fix.get("faster").toString());
    }

    @Test
    void theDemoTestRunsShowTheRegressionPerTestAndWhichTestsHitEachEndpoint() throws Exception {
        JsonNode outcomes = api("tests/outcomes");
        List<String> versions = new ArrayList<>();
        outcomes.forEach(o -> versions.add(o.get("version").asText()));
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0", CURRENT), versions);
        for (JsonNode o : outcomes) {
            assertEquals(DemoTestRuns.RUNS_PER_VERSION, o.get("runs").asInt(), o.toString());
            assertEquals(DemoTestRuns.RUNS_PER_VERSION, o.get("skipped").asInt(), o.toString());
        }
        String articles = DemoTestRuns.SUITE + "ArticlesApiTest#recommendsArticlesForAReader";
        JsonNode slower = api("tests/compare?before=1.1.0&after=" + DemoHistory.REGRESSED_VERSION).get("slower");
        assertEquals(1, slower.size(), slower.toString());
        assertEquals(articles, slower.get(0).get("test").asText());
        JsonNode faster = api("tests/compare?before=" + DemoHistory.REGRESSED_VERSION + "&after=1.3.0").get("faster");
        assertEquals(articles, faster.get(0).get("test").asText(), faster.toString());
        assertEquals(5, api("tests/boxes?test=" + encoded(articles)).get("versions").size());
        Map<String, JsonNode> byEndpoint = new HashMap<>();
        api("tests/endpoints").forEach(e -> byEndpoint.put(e.get("endpoint").asText(), e));
        JsonNode recommended = byEndpoint.get(DemoHistory.REGRESSED_ENDPOINT);
        assertEquals(articles, recommended.get("hits").get(0).get("test").asText(), recommended.toString());
        // The demo suite's two tests of the endpoint; this very suite's own test that calls it may be there too
        // (the extension tags its requests), depending on the order the tests ran in.
        List<String> languageTests = new ArrayList<>();
        byEndpoint.get("/api/languages").get("hits").forEach(h -> languageTests.add(h.get("test").asText()));
        assertTrue(languageTests.containsAll(List.of(DemoTestRuns.SUITE + "LanguagesApiTest#answersFromTheCache",
                DemoTestRuns.SUITE + "LanguagesApiTest#listsEveryLanguage")), languageTests.toString());
    }

    @Test
    void endpointsAreFirstSeenInTheHistoryAndTheHangingOneCapturesOutliers() throws Exception {
        Map<String, JsonNode> rules = new HashMap<>();
        api("endpoints").get("endpoints").forEach(e -> rules.put(e.get("endpoint").asText(), e));
        JsonNode languages = rules.get("/api/languages");
        assertEquals("1.0.0", languages.get("firstVersion").asText(), languages.toString());
        assertEquals("languages", languages.get("handler").asText(), languages.toString());
        assertTrue(Instant.parse(languages.get("firstSeen").asText()).isBefore(started.minus(Duration.ofDays(DAYS - 1))));
        assertEquals(2, rules.get(DemoBackfill.OUTLIER_ENDPOINT).get("level").asInt());
        assertEquals(1, rules.get("/api/languages").get("level").asInt());
        JsonNode status = api("endpoint/status?endpoint=" + encoded("/api/upload"));
        List<Integer> codes = new ArrayList<>();
        status.get("codes").forEach(c -> codes.add(c.get("status").asInt()));
        assertEquals(List.of(200, 400, 500), codes);
    }

    @Test
    void liveRequestsJoinTheHistoryAndASecondStartAddsNoHistory() throws Exception {
        long before = totalRequests();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/api/languages"))
                    .header("X-User", ExampleUsers.name(i))).statusCode());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long after = totalRequests();
        while (after < before + 3 && System.nanoTime() < deadline) {
            Thread.sleep(100);
            after = totalRequests();
        }
        assertEquals(before + 3, after);
        JsonNode current = api("endpoint/versions?endpoint=" + encoded("/api/languages")).get("versions");
        assertEquals(CURRENT, current.get(current.size() - 1).get("version").asText());
        assertEquals(5, current.size(), "live requests of the running version join its history");

        Server again = ExampleApp.start(0, DAYS, USERS);
        try {
            assertEquals(after, totalRequests());
        } finally {
            again.stop();
        }
    }
}
