package dev.monitordash.ui.browser;

import dev.monitordash.ui.testing.BrowserSession;
import dev.monitordash.ui.testing.ChartReads;
import dev.monitordash.ui.support.DashboardInBrowser;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.testing.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page of one endpoint in headless Chromium against a real dashboard over a SQLite file: three
 * versions registered at different times, several users and client addresses, a few failures. Every
 * chart is read back through Chart.js and compared with numbers worked out from the recorded history.
 */
class EndpointPageBrowserTest {

    private static final String ORDERS = EndpointHistory.ORDERS;
    private static final String ORDERS_PAGE = "endpoint?endpoint=%2Forders%2F%7Bid%7D";
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(DashboardServer.ZONE);
    private static final List<String> RANGE_SECTIONS = List.of("section-heatmap", "section-versions",
            "section-user-versions", "section-ip-versions", "section-users", "section-status");

    private static EndpointHistory history;
    private static ChartReads charts;

    @RegisterExtension
    static final DashboardInBrowser ui = new DashboardInBrowser("", server -> history = EndpointHistory.record(server))
            .withBrowser(session -> charts = new ChartReads(session));

    @BeforeEach
    void logIn() {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
    }

    @Test
    void theOverviewLinksToThePageWhoseHeatmapCountsEveryHour() throws Exception {
        WebElement link = ui.browser().rowsBy("overview-table", 3, "endpoint").get(ORDERS).findElement(By.tagName("a"));
        link.click();
        ui.browser().await().until(ExpectedConditions.urlToBe(ui.server().base() + "/" + ORDERS_PAGE));
        ui.browser().awaitReady("section-heatmap");

        assertEquals(ORDERS, text("endpoint-name"));
        assertTrue(attribute("link-outliers", "href").endsWith("/outliers?endpoint=%2Forders%2F%7Bid%7D"));
        assertTrue(attribute("link-profile", "href").endsWith("/profile?endpoint=%2Forders%2F%7Bid%7D"));
        assertEquals("matrix", ui.browser().chartType("heatmap-chart"));
        assertEquals(30 * 24, ui.browser().chartData("heatmap-chart", 0).size());
        Map<String, Long> expectedCells = history.heatmapCells();
        assertEquals(expectedCells, charts.matrixCells("heatmap-chart"));
        long busiest = expectedCells.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertEquals(List.of("0", String.valueOf(busiest)), ui.browser().driver()
                .findElements(By.cssSelector("#heatmap-legend .heat-legend-value")).stream().map(WebElement::getText)
                .toList());
        Map.Entry<String, Long> cell = expectedCells.entrySet().iterator().next();
        int hour = Integer.parseInt(cell.getKey().substring(11, 13));
        assertEquals(List.of(cell.getKey().substring(0, 10) + ", " + String.format("%02d:00–%02d:00", hour, (hour + 1) % 24),
                cell.getValue() + (cell.getValue() == 1 ? " request" : " requests")), heatmapTooltip(cell.getKey()));
        ui.browser().screenshot("endpoint-top");
    }

    @Test
    void theLastTwoDaysShowTimesAndRequestsPerHour() throws Exception {
        ui.browser().open(ORDERS_PAGE);
        ui.browser().awaitReady("section-hourly");

        assertEquals(48, ui.browser().chartLabels("hourly-times-chart").size());
        assertEquals(List.of("Maximum", "Mean", "Minimum"), ui.browser().datasetLabels("hourly-times-chart"));
        assertEquals(35.0, ChartReads.max(ui.browser().chartData("hourly-times-chart", 0)), 1e-9);
        assertEquals(30.0, ChartReads.min(ui.browser().chartData("hourly-times-chart", 2)), 1e-9);
        assertEquals(6.0, ChartReads.sum(ui.browser().chartData("hourly-requests-chart", 0)), 1e-9);
        scrollTo("section-hourly");
        ui.browser().screenshot("endpoint-hourly");
    }

    @Test
    void boxPlotsPerVersionAndUserSayWhenFirstSeenAndHowManyRequests() throws Exception {
        ui.browser().open(ORDERS_PAGE);
        ui.browser().awaitReady("section-versions");
        ui.browser().awaitReady("section-users");

        assertEquals("boxplot", ui.browser().chartType("versions-chart"));
        assertEquals(List.of("1.4.0", "1.4.1", "1.4.2"), ui.browser().chartLabels("versions-chart"));
        assertEquals(List.of(12L, 9L, 6L), charts.boxCounts("versions-chart"));
        assertEquals(List.of("linear", "Execution time"), ui.browser().js("const x = Chart.getChart("
                + "document.getElementById('versions-chart')).scales.x; return [x.type, x.options.title.text]"),
                "10-36 ms: the shared time axis stays linear (charts/time-axis.js)");
        List<String> versionTicks = charts.ticks("versions-chart", "y");
        assertEquals("1.4.0 | first seen " + SECONDS.format(history.firstSeen140) + " | 12 requests", versionTicks.get(0));
        assertEquals("1.4.1 | first seen " + SECONDS.format(history.firstSeen141) + " | 9 requests", versionTicks.get(1));
        assertTrue(versionTicks.get(2).startsWith("1.4.2 | first seen "), versionTicks.get(2));
        assertEquals(List.of("ann", "bob", "alice", "carol", "dave"), ui.browser().chartLabels("users-chart"));
        assertEquals(List.of(7L, 7L, 6L, 4L, 3L), charts.boxCounts("users-chart"));
        assertEquals("All 5 users shown.", text("users-hidden"));
        String accuracy = "Quartiles, whiskers and outlier points within 1 % (from sketches); counts, min and max exact.";
        assertEquals(accuracy, text("versions-accuracy"), "the boxes come from sketches");
        assertEquals(accuracy, text("users-accuracy"));
        scrollTo("section-versions");
        ui.browser().screenshot("endpoint-versions");
        scrollTo("section-users");
        ui.browser().screenshot("endpoint-users");
    }

    @Test
    void bubblesPlaceUsersAndAddressesByVersion() throws Exception {
        ui.browser().open(ORDERS_PAGE);
        ui.browser().awaitReady("section-user-versions");
        ui.browser().awaitReady("section-ip-versions");

        assertEquals("bubble", ui.browser().chartType("user-versions-chart"));
        assertEquals(List.of("1.4.0", "1.4.1", "1.4.2"), ui.browser().datasetLabels("user-versions-chart"));
        assertEquals(List.of("ann", "bob", "alice", "carol", "dave"), charts.ticks("user-versions-chart", "y"));
        assertEquals(List.of("1.4.0", "1.4.1", "1.4.2"), charts.ticks("user-versions-chart", "x"));
        Map<?, ?> annOld = bubble("user-versions-chart", 0, "ann");
        assertEquals(4L, ((Number) annOld.get("requests")).longValue());
        assertEquals(14.5, ((Number) annOld.get("meanMillis")).doubleValue(), 1e-9);
        assertEquals(7, charts.itemCount("user-versions-chart"));
        assertEquals(List.of("10.0.0.3", "10.0.0.1", "10.0.0.2", "127.0.0.1"), charts.ticks("ip-versions-chart", "y"));
        assertEquals("All 4 client addresses shown.", text("ip-versions-hidden"));
        scrollTo("section-user-versions");
        ui.browser().screenshot("endpoint-bubbles");
    }

    @Test
    void statusCodesAndTheMostRecentFailures() throws Exception {
        ui.browser().open(ORDERS_PAGE);
        ui.browser().awaitReady("section-status");

        assertEquals(List.of("200", "404", "500", "503"), ui.browser().chartLabels("status-chart"));
        assertEquals(List.of(24L, 1L, 1L, 1L), ChartReads.longs(ui.browser().chartData("status-chart", 0)));
        List<WebElement> failures = ui.browser().rows("failures-table", 3);
        assertEquals(List.of("503", "GET", "30 ms", "1.4.2", "alice", "127.0.0.1", "test-1"),
                BrowserSession.cells(failures.get(0)).subList(1, 8));
        assertEquals(List.of("404", "1.4.1", "bob", "10.0.0.3"), pick(BrowserSession.cells(failures.get(1)), 1, 4, 5, 6));
        assertEquals(List.of("500", "1.4.0", "carol", "10.0.0.2"), pick(BrowserSession.cells(failures.get(2)), 1, 4, 5, 6));
        scrollTo("section-status");
        ui.browser().screenshot("endpoint-status");
    }

    @Test
    void topNAndOrderChooseTheUsersAndSayHowManyAreHidden() throws Exception {
        ui.browser().open(ORDERS_PAGE);
        awaitAllReady();

        Object heatmap = charts.chartId("heatmap-chart");
        WebElement top = ui.browser().driver().findElement(By.id("filter-top"));
        top.sendKeys(Keys.chord(Keys.CONTROL, "a"), "1", Keys.TAB);
        ui.browser().await().until(d -> ui.browser().chartLabels("users-chart").equals(List.of("ann")));
        ui.browser().awaitReady("section-users");
        assertEquals("4 more users not shown; users behind outlier points are always shown.", text("users-hidden"));
        ui.browser().awaitReady("section-user-versions");
        assertEquals(List.of("ann"), charts.ticks("user-versions-chart", "y"));
        assertEquals("4 more users not shown; users behind outlier points are always shown.",
                text("user-versions-hidden"));
        ui.browser().awaitReady("section-ip-versions");
        assertEquals(List.of("10.0.0.3"), charts.ticks("ip-versions-chart", "y"));
        assertEquals("3 more client addresses not shown; client addresses behind outlier points are always shown.",
                text("ip-versions-hidden"));

        assertEquals(heatmap, charts.chartId("heatmap-chart"), "top N leaves the range-only sections alone");

        new Select(ui.browser().driver().findElement(By.id("filter-order"))).selectByValue("slowest");
        ui.browser().await().until(d -> ui.browser().chartLabels("users-chart").equals(List.of("alice")));
        assertTrue(ui.browser().driver().getCurrentUrl().contains("top=1"), ui.browser().driver().getCurrentUrl());
        assertTrue(ui.browser().driver().getCurrentUrl().contains("order=slowest"), ui.browser().driver().getCurrentUrl());

        ui.browser().driver().navigate().refresh(); // the filters live in the URL
        ui.browser().awaitReady("section-users");
        assertEquals(List.of("alice"), ui.browser().chartLabels("users-chart"));
        assertEquals("1", ui.browser().driver().findElement(By.id("filter-top")).getAttribute("value"));
    }

    @Test
    void theVersionFilterNarrowsTheUserBoxPlots() throws Exception {
        ui.browser().open(ORDERS_PAGE + "&version=1.4.1");
        awaitAllReady();

        assertEquals(List.of("ann", "bob", "dave"), ui.browser().chartLabels("users-chart"));
        assertEquals(List.of(3L, 3L, 3L), charts.boxCounts("users-chart"));
        Select version = new Select(ui.browser().driver().findElement(By.id("filter-version")));
        assertEquals("1.4.1", version.getFirstSelectedOption().getAttribute("value"));
        assertEquals(List.of("All versions", "1.4.0", "1.4.1", "1.4.2"),
                version.getOptions().stream().map(WebElement::getText).toList());

        version.selectByValue("1.4.2");
        ui.browser().await().until(d -> ui.browser().chartLabels("users-chart").equals(List.of("alice")));
        version.selectByValue("");
        ui.browser().await().until(d -> ui.browser().chartLabels("users-chart").size() == 5);
        assertEquals(List.of("1.4.0", "1.4.1", "1.4.2"), ui.browser().chartLabels("versions-chart"), "other sections stay");
    }

    @Test
    void aRangeWithoutRequestsShowsEmptyStatesButTheLastTwoDays() throws Exception {
        ui.browser().open(ORDERS_PAGE + "&from=2020-01-01&to=2020-01-31");

        for (String section : RANGE_SECTIONS) {
            assertEquals("empty", ui.browser().awaitSection(section), section);
            assertEquals("No requests of this endpoint in this range. Choose a longer range above.",
                    ui.browser().driver().findElement(By.cssSelector("#" + section + " > .section-note")).getText(), section);
        }
        ui.browser().awaitReady("section-hourly");
        assertEquals(6.0, ChartReads.sum(ui.browser().chartData("hourly-requests-chart", 0)), 1e-9);
        assertEquals("custom", new Select(ui.browser().driver().findElement(By.id("filter-range")))
                .getFirstSelectedOption().getAttribute("value"));

        new Select(ui.browser().driver().findElement(By.id("filter-range"))).selectByValue("30");
        ui.browser().await().until(d -> "ready".equals(ui.browser().awaitSection("section-versions")));
        assertEquals(List.of("1.4.0", "1.4.1", "1.4.2"), ui.browser().chartLabels("versions-chart"));
    }

    @Test
    void anUnknownOrMissingEndpointIsExplained() throws Exception {
        ui.browser().open("endpoint?endpoint=%2Fnowhere");
        WebElement problem = ui.browser().await().until(ExpectedConditions.visibilityOfElementLocated(By.id("endpoint-problem")));
        ui.browser().waitForText(By.cssSelector("#endpoint-problem p"),
                "No requests of /nowhere were ever recorded: the monitor does not know this endpoint.");
        assertFalse(ui.browser().driver().findElement(By.id("endpoint-content")).isDisplayed());
        assertTrue(problem.findElement(By.linkText("overview")).isDisplayed());
        ui.browser().screenshot("endpoint-unknown");
        // The API's 400 answers are logged by Chromium as failed loads; nothing else may be.
        List<LogEntry> logged = Browser.consoleErrors(ui.browser().driver());
        assertTrue(logged.stream().allMatch(e -> e.getMessage().contains("api/endpoint/")
                && e.getMessage().contains("400")), logged.toString());

        ui.browser().open("endpoint");
        ui.browser().waitForText(By.cssSelector("#endpoint-problem p"),
                "No endpoint chosen: this page shows one endpoint, named in its address.");
        assertFalse(ui.browser().driver().findElement(By.id("endpoint-content")).isDisplayed());
    }

    @Test
    void theRulesTableLinksEveryEndpointToItsPage() throws Exception {
        ui.browser().open("rules");
        WebElement link = ui.browser().rowsBy("rules-table", 5, "endpoint").get(ORDERS).findElement(By.tagName("a"));
        assertEquals(ORDERS, link.getText());
        link.click();
        ui.browser().await().until(ExpectedConditions.urlToBe(ui.server().base() + "/" + ORDERS_PAGE));
        ui.browser().awaitReady("section-versions");
    }

    @Test
    void namesWithMarkupStayText() throws Exception {
        ui.browser().open("endpoint?endpoint=" + URLEncoder.encode(EndpointHistory.XSS, StandardCharsets.UTF_8));
        ui.browser().awaitReady("section-status");

        assertEquals(EndpointHistory.XSS, text("endpoint-name"));
        assertEquals(EndpointHistory.XSS + " · MonitorDash", ui.browser().driver().getTitle());
        List<String> failure = BrowserSession.cells(ui.browser().rows("failures-table", 1).get(0));
        assertEquals(EndpointHistory.XSS_USER, failure.get(5));
        ui.browser().awaitReady("section-users");
        assertEquals(List.of(EndpointHistory.XSS_USER), ui.browser().chartLabels("users-chart"));
        assertEquals(0L, ui.browser().js("return document.querySelectorAll('main img, main script').length"));
        assertNull(ui.browser().js("return window.__xss === undefined ? null : window.__xss"));
    }

    @Test
    void readableAtPhoneWidth() throws Exception {
        ui.browser().phoneWidth();
        ui.browser().open(ORDERS_PAGE);
        awaitAllReady();
        ui.browser().rows("failures-table", 3);

        ui.browser().assertNoHorizontalOverflow();
        assertEquals(List.of("1.4.0", "1.4.1", "1.4.2"), ui.browser().chartLabels("versions-chart"));
        ui.browser().screenshot("endpoint-phone");
        scrollTo("section-users");
        ui.browser().screenshot("endpoint-phone-users");

        // A year of days is too wide for a phone: the heatmap scrolls inside its card, not the page.
        new Select(ui.browser().driver().findElement(By.id("filter-range"))).selectByValue("365");
        ui.browser().await().until(d -> ui.browser().chartData("heatmap-chart", 0).size() == 365 * 24);
        ui.browser().awaitReady("section-heatmap");
        ui.browser().assertNoHorizontalOverflow();
        assertTrue((Boolean) ui.browser().js("const s = document.querySelector('#section-heatmap .chart-scroll');"
                + " return s.scrollWidth > s.clientWidth"), "the heatmap scrolls in its card");
    }

    private static void awaitAllReady() {
        ui.browser().awaitReady("section-hourly");
        for (String section : RANGE_SECTIONS) {
            ui.browser().awaitReady(section);
        }
    }

    /** Title and first line of the heatmap's tooltip over the cell "day HH:00", shown as a hover would. */
    @SuppressWarnings("unchecked")
    private static List<String> heatmapTooltip(String dayAndHour) {
        return (List<String>) ui.browser().js("const chart = Chart.getChart(document.getElementById('heatmap-chart'));"
                + " const [day, hour] = arguments[0].split(' ');"
                + " const index = chart.data.datasets[0].data.findIndex(c => c.x === day && c.y === hour);"
                + " const cell = chart.getDatasetMeta(0).data[index];"
                + " chart.tooltip.setActiveElements([{datasetIndex: 0, index}], {x: cell.x, y: cell.y});"
                + " chart.update();"
                + " return [chart.tooltip.title[0], chart.tooltip.body[0].lines[0]];", dayAndHour);
    }

    private static Map<?, ?> bubble(String canvasId, int dataset, String group) {
        return ui.browser().chartData(canvasId, dataset).stream().map(b -> (Map<?, ?>) b)
                .filter(b -> group.equals(b.get("group"))).findFirst()
                .orElseThrow(() -> new AssertionError("no bubble of " + group));
    }

    private static List<String> pick(List<String> cells, int... indices) {
        List<String> picked = new ArrayList<>();
        for (int i : indices) {
            picked.add(cells.get(i));
        }
        return picked;
    }

    private static String text(String id) {
        return ui.browser().driver().findElement(By.id(id)).getText();
    }

    private static String attribute(String id, String name) {
        return ui.browser().driver().findElement(By.id(id)).getAttribute(name);
    }

    private static void scrollTo(String id) {
        ui.browser().js("document.getElementById(arguments[0]).scrollIntoView()", id);
    }
}
