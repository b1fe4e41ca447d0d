package dev.monitordash.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.monitordash.ui.support.DashboardClient.expect;
import static dev.monitordash.ui.support.DashboardClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET api/export/count} (the total the export page's progress bar counts towards, the range it
 * counted and which raw requests are stored) and who may open the export and reporting pages, through
 * real HTTP against an embedded Jetty over SQLite.
 */
class ExportRoutesTest {

    @TempDir
    Path temp;
    private DashboardServer server;
    private DashboardClient admin;
    private Instant yesterdayTen;

    @BeforeEach
    void start() throws Exception {
        server = DashboardServer.start(temp, "");
        admin = new DashboardClient(server).loginAsAdmin();
        yesterdayTen = ZonedDateTime.now(DashboardServer.ZONE).minusDays(1).truncatedTo(ChronoUnit.DAYS)
                .plusHours(10).toInstant();
        server.declare("/a", "A");
        server.declare("/b", "B");
        for (int i = 0; i < 30; i++) {
            server.record(i % 3 == 0 ? "/b" : "/a", "GET", 200, 1 + i, yesterdayTen.plusSeconds(60L * i));
        }
        server.awaitWritten(30);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void countIsTheNumberOfRowsTheSameExportSends() throws Exception {
        String minuteTen = yesterdayTen.plusSeconds(600).toString();
        for (String query : List.of("", "?endpoint=%2Fb", "?endpoint=%2Fa&format=json",
                "?from=" + minuteTen, "?endpoint=%2Fa&from=" + minuteTen + "&format=csv")) {
            long count = json(expect(admin.get("/api/export/count" + query), 200)).get("requests").asLong();
            HttpResponse<String> csv = expect(admin.get("/api/export" + query.replace("format=json", "format=csv")), 200);
            long rows = csv.body().split("\r\n").length - 1L; // minus the header
            assertEquals(rows, count, query);
        }
        assertEquals(30, json(admin.get("/api/export/count")).get("requests").asLong());
        assertEquals(10, json(admin.get("/api/export/count?endpoint=%2Fb")).get("requests").asLong());
        assertEquals(20, json(admin.get("/api/export/count?from=" + minuteTen)).get("requests").asLong());
    }

    @Test
    void countSaysTheRangeItCountedAndWhichRawRequestsAreStored() throws Exception {
        JsonNode answer = json(expect(admin.get("/api/export/count?from=2025-06-01&to=2025-06-30"), 200));
        // Dates are days of the dashboard's zone (Amsterdam, +02:00 in June), answered as UTC instants.
        assertEquals("2025-05-31T22:00:00Z", answer.get("from").asText());
        assertEquals("2025-06-30T22:00:00Z", answer.get("to").asText());
        JsonNode raw = answer.get("raw");
        assertEquals(yesterdayTen.toString(), raw.get("oldestRequest").asText(), "the first recorded request");
        assertEquals("30d", raw.get("retention").asText(), "monitordash.retention.requests' default");
        assertEquals(30 * 86_400, raw.get("retentionSeconds").asLong());

        // The default range (the last 30 days) is answered resolved, so a client can compare its start.
        JsonNode byDefault = json(admin.get("/api/export/count?endpoint=%2Fb"));
        Instant from = Instant.parse(byDefault.get("from").asText());
        assertEquals(LocalDate.now(DashboardServer.ZONE).minusDays(29).atStartOfDay(DashboardServer.ZONE).toInstant(), from);
        assertTrue(from.isBefore(yesterdayTen));
        assertEquals(raw, byDefault.get("raw"), "the stored period is the store's, whatever the endpoint");
    }

    @Test
    void countGivesTheConfiguredRetentionAndNoOldestRequestForAnEmptyStore(@TempDir Path other) throws Exception {
        try (DashboardServer empty = DashboardServer.start("",
                DashboardServer.defaultConfig(other).retentionRequests(Duration.ofHours(36)))) {
            JsonNode raw = json(expect(new DashboardClient(empty).loginAsAdmin().get("/api/export/count"), 200)).get("raw");
            assertTrue(raw.get("oldestRequest").isNull(), raw.toString());
            assertEquals("36h", raw.get("retention").asText());
            assertEquals(36 * 3_600, raw.get("retentionSeconds").asLong());
        }
    }

    @Test
    void countRefusesWhatTheExportRefusesWith400() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("?format=xml", "'format' must be one of csv, json, was 'xml'");
        cases.put("?endpoint=%2Fnowhere", "unknown endpoint: /nowhere");
        cases.put("?from=yesterday", "'from' must be an ISO date");
        cases.put("?from=2015-01-01&to=2025-01-01", "the range 'from' to 'to' may span at most 400 days");
        cases.put("?from=2025-06-02&to=2025-06-01", "'to' must be after 'from'");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = admin.get("/api/export/count" + c.getKey());
            assertEquals(400, r.statusCode(), c.getKey() + " -> " + r.body());
            assertEquals(c.getValue(), json(r).get("error").asText().substring(0, c.getValue().length()), c.getKey());
            assertFalse(r.body().contains("SQL") || r.body().contains("Exception"), r.body());
        }
    }

    @Test
    void countIsForAdminsWithALoginAndGetOnly() throws Exception {
        DashboardClient guest = new DashboardClient(server).loginAsGuest();
        HttpResponse<String> refused = guest.get("/api/export/count");
        assertEquals(403, refused.statusCode());
        assertEquals("only an admin may do this", json(refused).get("error").asText());
        assertEquals(401, new DashboardClient(server).get("/api/export/count").statusCode());
        HttpResponse<String> post = admin.sendJson("POST", "/api/export/count", "{}");
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void guestsOpenTheReportingPageButNotTheExportPage() throws Exception {
        DashboardClient guest = new DashboardClient(server).loginAsGuest();
        assertEquals(403, guest.get("/export").statusCode());
        HttpResponse<String> reporting = expect(guest.get("/reporting"), 200);
        assertTrue(reporting.body().contains("<script type=\"module\" src=\"assets/js/reporting.js\">"));
        // The navigation links the export page for admins only: sent hidden, shown by layout.js.
        assertTrue(reporting.body().contains("<a href=\"export\" data-admin-only hidden>Export</a>"), reporting.body());
        HttpResponse<String> export = expect(admin.get("/export"), 200);
        assertTrue(export.body().contains("<script type=\"module\" src=\"assets/js/export.js\">"));
    }
}
