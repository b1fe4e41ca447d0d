package dev.monitordash.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.monitordash.ui.support.DashboardClient.expect;
import static dev.monitordash.ui.support.DashboardClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A rollup row garbled in the real SQLite file behind a running dashboard: the answers that had to leave
 * stored figures out say so in {@code X-MonitorDash-Partial}, still 200 with the rest of the figures; every
 * other answer, before and after, carries no such header.
 */
class PartialAnswersApiTest {

    private static final String ORDERS = "/orders/{id}";
    private static final String SEARCH = "/search";

    @TempDir
    Path temp;
    private DashboardServer server;
    private DashboardClient admin;

    @BeforeEach
    void start() throws Exception {
        server = DashboardServer.start(temp, "");
        admin = new DashboardClient(server).loginAsAdmin();
        server.declare(ORDERS, "OrderServlet");
        server.declare(SEARCH, "SearchServlet");
        Instant yesterdayTen = ZonedDateTime.now(DashboardServer.ZONE).minusDays(1).truncatedTo(ChronoUnit.DAYS)
                .plusHours(10).toInstant();
        for (int i = 0; i < 10; i++) {
            server.record(ORDERS, "GET", 200, 5 + i, yesterdayTen.plusSeconds(i * 60L));
            server.record(SEARCH, "GET", i == 0 ? 500 : 200, 30 + i, yesterdayTen.plusSeconds(i * 60L + 30));
        }
        server.awaitWritten(20);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersOverAGarbledSketchSayHowManyStoredValuesTheyLeftOut() throws Exception {
        for (String path : routes()) {
            assertEquals(Optional.empty(), partial(expect(admin.get(path), 200)), "intact store: " + path);
        }

        int garbled = server.garbleSketchesOf(SEARCH);

        HttpResponse<String> performance = expect(admin.get("/api/analytics/performance"), 200);
        assertTrue(Integer.parseInt(partial(performance).orElseThrow()) >= 1, performance.headers().toString());
        List<String> boxes = new ArrayList<>();
        json(performance).get("endpoints").forEach(b -> boxes.add(b.get("label").asText()));
        assertEquals(List.of(ORDERS), boxes, "the intact endpoint's box is still there, " + SEARCH + "'s left out");

        HttpResponse<String> overview = expect(admin.get("/api/overview"), 200);
        assertTrue(partial(overview).isPresent(), "the medians come from the sketches");
        JsonNode search = null;
        for (JsonNode row : json(overview).get("endpoints")) {
            if (row.get("endpoint").asText().equals(SEARCH)) {
                search = row;
            }
        }
        assertEquals(10, search.get("hitsTotal").asLong(), "counts are plain columns, still exact: " + search);

        HttpResponse<String> versions = expect(admin.get("/api/endpoint/versions?endpoint=" + q(SEARCH)), 200);
        assertTrue(Integer.parseInt(partial(versions).orElseThrow()) <= garbled, "at most one per garbled row");

        // Same server threads, answers that read no garbled value: nothing carried over.
        for (String path : List.of("/api/analytics/load", "/api/endpoint/versions?endpoint=" + q(ORDERS),
                "/api/endpoint/status?endpoint=" + q(SEARCH), "/api/session", "/api/endpoints")) {
            assertEquals(Optional.empty(), partial(expect(admin.get(path), 200)), path);
        }
    }

    private static List<String> routes() {
        return List.of("/api/overview", "/api/analytics/performance", "/api/analytics/load",
                "/api/analytics/version-usage", "/api/endpoint/versions?endpoint=" + q(SEARCH),
                "/api/endpoint/users?endpoint=" + q(SEARCH), "/api/endpoint/status?endpoint=" + q(SEARCH));
    }

    private static Optional<String> partial(HttpResponse<String> response) {
        return response.headers().firstValue(ApiRoutes.PARTIAL_HEADER);
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
