package dev.monitordash.ui.browser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.ui.testing.BrowserSession;
import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardInBrowser;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.testing.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The export page in headless Chromium: the download streams with a progress bar that reaches the
 * counted total, and the saved file (Chromium's download directory set through CDP) holds exactly the
 * recorded requests; beside the range, the page says since when raw requests are stored and warns of a
 * range that starts earlier. Guests see no export link and are refused the page.
 */
class ExportPageBrowserTest {

    /** A comma in the name: its CSV field is quoted, which the page's row count must see through. */
    static final String TAGS = "/tags/{a,b}";
    static final String ORDERS = "/orders/{id}";
    static final int REQUESTS = 1_500;
    static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** When the first (oldest) recorded request started: two days ago. */
    static Instant oldest;

    @TempDir
    static Path downloads;

    @RegisterExtension
    static final DashboardInBrowser ui = new DashboardInBrowser("", ExportPageBrowserTest::record)
            .withBrowser(session -> session.driver().executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toString())));

    private static void record(DashboardServer server) {
        server.declare(ORDERS, "OrderServlet");
        server.declare(TAGS, "TagServlet");
        Instant start = Instant.now().minus(2, ChronoUnit.DAYS);
        oldest = start;
        List<RequestRecord> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(server.request(i % 3 == 0 ? TAGS : ORDERS, "GET", i % 50 == 0 ? 500 : 200, 1 + i % 40,
                    start.plusSeconds(30L * i)));
        }
        server.record("1.0", requests);
    }

    @Test
    void adminDownloadsEveryRecordedRequestAsCsvWithProgressToTheTotal() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().driver().findElement(By.linkText("Export")).click();
        ui.browser().awaitReady("export");
        assertEquals("1,500 requests of all endpoints in this range.", text("export-count"));

        find("export-download").click();
        ui.browser().await().until(d -> text("export-status").startsWith("Saved "));

        String status = text("export-status");
        assertTrue(status.matches("Saved 1,500 rows as monitordash-all-.*\\.csv\\."), status);
        assertEquals(REQUESTS, ((Number) ui.browser().js("return document.getElementById('export-bar').value")).intValue());
        assertEquals(REQUESTS, ((Number) ui.browser().js("return document.getElementById('export-bar').max")).intValue());
        assertEquals("1,500 of 1,500 rows", text("export-rows"));
        assertFalse(find("export-cancel").isDisplayed(), "no cancel once done");

        List<String> lines = Files.readAllLines(saved(status), StandardCharsets.UTF_8);
        assertEquals(REQUESTS + 1, lines.size());
        assertEquals("endpoint,started_at,duration_ms,method,status,version,user,client_ip,service,instance", lines.get(0));
        assertEquals(REQUESTS / 3, lines.stream().filter(l -> l.startsWith("\"" + TAGS + "\",")).count());
        assertEquals(REQUESTS - REQUESTS / 3, lines.stream().filter(l -> l.startsWith(ORDERS + ",")).count());
        ui.browser().screenshot("export");
    }

    @Test
    void theRangeSaysForWhichPeriodRawRequestsAreStoredAndWarnsWhenItStartsBefore() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().open("export");
        ui.browser().awaitReady("export");
        String since = MINUTE.format(oldest.atZone(DashboardServer.ZONE));
        String period = "Raw requests are kept for 30 days; stored since " + since + ". Charts cover older days from rollups.";
        assertEquals(period, text("export-period"));
        // The default range, the last 30 days, begins weeks before the first request (two days ago).
        assertTrue(find("export-period-warning").isDisplayed());
        assertEquals("This range starts before " + since + ", the oldest stored request: the export holds only "
                + "the requests since then.", text("export-period-warning"));

        new Select(find("filter-range")).selectByValue("1");
        ui.browser().waitForText(By.id("export-count"), "0 requests of all endpoints in this range.");
        assertFalse(find("export-period-warning").isDisplayed(), "today starts after the oldest request");
        assertEquals(period, text("export-period"));
    }

    @Test
    void oneEndpointAsJsonHoldsThatEndpointsRequests() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().open("export");
        ui.browser().awaitReady("export");

        new Select(find("filter-endpoint")).selectByValue(TAGS);
        ui.browser().waitForText(By.id("export-count"), "500 requests of " + TAGS + " in this range.");
        new Select(find("filter-format")).selectByValue("json");
        ui.browser().awaitReady("export");
        assertTrue(ui.browser().driver().getCurrentUrl().contains("format=json"));
        find("export-download").click();
        ui.browser().await().until(d -> text("export-status").startsWith("Saved "));

        String status = text("export-status");
        assertTrue(status.matches("Saved 500 rows as monitordash-tags_a_b-.*\\.json\\."), status);
        JsonNode body = DashboardClient.JSON.readTree(saved(status).toFile());
        assertEquals(TAGS, body.get("endpoint").asText());
        assertEquals(500, body.get("requests").size());
        assertEquals("500 of 500 rows", text("export-rows"));
    }

    @Test
    void saveDirectlyLetsTheBrowserWriteTheStreamedExportToDisk() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().open("export");
        ui.browser().awaitReady("export");
        new Select(find("filter-endpoint")).selectByValue(ORDERS);
        ui.browser().waitForText(By.id("export-count"), "1,000 requests of " + ORDERS + " in this range.");
        String href = find("export-direct").getAttribute("href");
        assertTrue(href.contains("api/export?") && href.contains("endpoint=%2Forders%2F%7Bid%7D"), href);

        find("export-direct").click();

        // The server names the file; the browser saves it with no page code in between.
        Path file = awaitDownload("monitordash-orders_id-");
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(REQUESTS - REQUESTS / 3 + 1, lines.size());
        assertTrue(lines.stream().skip(1).allMatch(l -> l.startsWith(ORDERS + ",")), lines.get(1));
    }

    @Test
    void cancelStopsTheDownloadMidwayAndSavesNothing() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().open("export");
        ui.browser().awaitReady("export");
        // A slow line (16 KiB/s for the ~150 KB export) so that the download is surely still running.
        ui.browser().driver().executeCdpCommand("Network.enable", Map.of());
        List<Path> before = files();
        throttle(16 * 1024);
        try {
            find("export-download").click();
            ui.browser().await().until(d -> {
                Number rows = (Number) ui.browser().js("return document.getElementById('export-bar').value");
                return rows.intValue() > 0;
            });
            assertTrue(find("export-cancel").isDisplayed());
            find("export-cancel").click();
            ui.browser().waitForText(By.id("export-status"), "Cancelled: nothing was saved.");
        } finally {
            throttle(-1);
        }
        int rows = ((Number) ui.browser().js("return document.getElementById('export-bar').value")).intValue();
        assertTrue(rows > 0 && rows < REQUESTS, "stopped midway, at " + rows);
        assertFalse(find("export-cancel").isDisplayed());
        assertTrue(find("export-download").isEnabled(), "a new download can start");
        assertEquals(before, files(), "nothing saved");
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.sorted().toList();
        }
    }

    private static void throttle(int bytesPerSecond) {
        ui.browser().driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                "downloadThroughput", bytesPerSecond, "uploadThroughput", -1));
    }

    /** The progress counters, in the page's own browser on text built to fool them, in chunks of every size. */
    @Test
    @SuppressWarnings("unchecked")
    void rowCountersSeeThroughQuotesBracesAndChunkBoundaries() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().open("export");
        ui.browser().awaitReady("export");
        String csv = "endpoint,user\r\n\"/a,\"\"b\"\"\r\nc\",ann\r\n/x,\"{[\"\r\n/y,é\r\n";
        String json = "{\"endpoint\":\"/{x}\",\"requests\":[{\"endpoint\":\"/a\\\"{[\",\"user\":null},"
                + "{\"endpoint\":\"]}\",\"user\":\"ß\"},{\"endpoint\":\"/c\"}]}";
        Map<String, Object> counted = (Map<String, Object>) ui.browser().driver().executeAsyncScript(
                "const [csv, json, done] = arguments;"
                + "import('./assets/js/export-rows.js').then((m) => {"
                + "  const bytes = new TextEncoder().encode.bind(new TextEncoder());"
                + "  const count = (make, text, size) => { const c = make(); const b = bytes(text);"
                + "    for (let i = 0; i < b.length; i += size) c.add(b.subarray(i, i + size));"
                + "    return [c.rows, c.complete]; };"
                + "  const sizes = [1, 2, 3, 7, 1000];"
                + "  done({"
                + "    csv: sizes.map((n) => count(m.csvRows, csv, n)),"
                + "    json: sizes.map((n) => count(m.jsonRows, json, n)),"
                + "    csvCut: count(m.csvRows, csv.slice(0, 19), 4),"
                + "    jsonCut: count(m.jsonRows, json.slice(0, json.length - 2), 4),"
                + "  });"
                + "});", csv, json);

        for (Object c : (List<Object>) counted.get("csv")) {
            assertEquals(List.of(3L, true), c, "3 rows, one with a quoted line break: " + counted);
        }
        for (Object c : (List<Object>) counted.get("json")) {
            assertEquals(List.of(3L, true), c, "3 requests, braces inside strings: " + counted);
        }
        assertEquals(List.of(0L, false), counted.get("csvCut"), "broken off inside a quoted field");
        assertEquals(List.of(3L, false), counted.get("jsonCut"), "the outer object never closed");
    }

    @Test
    void guestsSeeNoExportLinkAndAreRefusedThePage() throws Exception {
        ui.browser().logIn("guest", DashboardServer.GUEST_PASSWORD, "overview");
        WebElement link = ui.browser().driver().findElement(By.cssSelector("nav a[href='export']"));
        ui.browser().await().until(d -> "guest".equals(d.findElement(By.id("account-role")).getText()));
        assertFalse(link.isDisplayed(), "the export link is hidden from guests");

        ui.browser().open("export");
        ui.browser().await().until(d -> d.findElement(By.tagName("body")).getText().contains("only an admin may open this page"));
        assertTrue(ui.browser().driver().findElements(By.id("export-download")).isEmpty());
        // The refused page is the console error this test expects, plus the favicon the browser looks for
        // beside a page that is not ours (the 403 answer is JSON, without the layout's icon link).
        List<LogEntry> logged = Browser.consoleErrors(ui.browser().driver());
        assertTrue(logged.stream().anyMatch(e -> e.getMessage().contains("/dashboard/export") && e.getMessage().contains("403")),
                logged.toString());
        assertTrue(logged.stream().allMatch(e -> e.getMessage().contains("403") || e.getMessage().contains("/favicon.ico")),
                logged.toString());
    }

    @Test
    void thePageFitsAPhone() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().phoneWidth();
        ui.browser().open("export");
        ui.browser().awaitReady("export");
        ui.browser().assertNoHorizontalOverflow();
        ui.browser().screenshot("export-phone");
    }

    private static WebElement find(String id) {
        return ui.browser().driver().findElement(By.id(id));
    }

    private static String text(String id) {
        return find(id).getText().trim();
    }

    /** The file the status names, once Chromium has finished writing it into the download directory. */
    private static Path saved(String status) throws InterruptedException {
        String name = status.substring(status.indexOf(" as ") + 4, status.length() - 1);
        Path file = downloads.resolve(name);
        BrowserSession.awaitCondition(() -> Files.exists(file) && !partial(), "download of " + name);
        return file;
    }

    private static Path awaitDownload(String prefix) throws InterruptedException {
        Path[] found = new Path[1];
        BrowserSession.awaitCondition(() -> {
            try (Stream<Path> files = Files.list(downloads)) {
                found[0] = files.filter(f -> f.getFileName().toString().startsWith(prefix)
                        && f.getFileName().toString().endsWith(".csv")).findFirst().orElse(null);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return found[0] != null && !partial();
        }, "a download starting with " + prefix);
        return found[0];
    }

    private static boolean partial() {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
