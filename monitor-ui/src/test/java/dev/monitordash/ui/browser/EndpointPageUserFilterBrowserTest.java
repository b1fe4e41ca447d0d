package dev.monitordash.ui.browser;

import dev.monitordash.ui.support.DashboardInBrowser;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.testing.BrowserSession;
import dev.monitordash.ui.testing.ChartReads;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoint page's user filter ("this user complains") in headless Chromium over {@link EndpointHistory}:
 * bob made 4 requests in 1.4.0 (11, 14, 17, 20 ms) and 3 in 1.4.1 (22, 28, 34 ms, the 28 ms one a 404),
 * none in the last 2 days. Choosing him narrows the heatmap, versions, status and hourly sections to exactly
 * his requests, and the choice lives in the URL.
 */
class EndpointPageUserFilterBrowserTest {

    private static final String ORDERS_PAGE = "endpoint?endpoint=%2Forders%2F%7Bid%7D";
    private static final List<String> USER_SECTIONS = List.of("section-heatmap", "section-versions", "section-status");

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
    void theUserFilterListsTheRangesUsersByNameWithTheirRequests() {
        ui.browser().open(ORDERS_PAGE);

        Select user = userSelect();
        assertEquals(List.of("All users", "alice (6)", "ann (7)", "bob (7)", "carol (4)", "dave (3)"), optionTexts(user));
        assertEquals("", user.getFirstSelectedOption().getAttribute("value"));
        assertEquals("Requests per hour of day", heading("section-heatmap"));

        new Select(ui.browser().driver().findElement(By.id("filter-range"))).selectByValue("7");
        List<String> lastWeek = List.of("All users", "alice (6)", "ann (3)", "bob (3)", "dave (3)");
        ui.browser().await().until(d -> optionTexts(userSelect()).equals(lastWeek)); // carol used only 1.4.0
    }

    @Test
    void choosingAUserShowsExactlyHisHeatmapVersionsAndFailuresAndSurvivesAReload() throws Exception {
        ui.browser().open(ORDERS_PAGE);
        awaitSections();
        assertEquals(List.of(12L, 9L, 6L), charts.boxCounts("versions-chart"));
        Object users = charts.chartId("users-chart");

        choose("bob");
        ui.browser().await().until(d -> charts.boxCounts("versions-chart").equals(List.of(4L, 3L)));
        assertShowsBob();
        assertEquals(users, charts.chartId("users-chart"), "the per-user box plots still show every user");
        assertTrue(ui.browser().driver().getCurrentUrl().contains("user=bob"), ui.browser().driver().getCurrentUrl());

        ui.browser().driver().navigate().refresh();
        assertShowsBob();
        assertEquals("bob", userSelect().getFirstSelectedOption().getAttribute("value"));
        scrollTo("section-versions");
        ui.browser().screenshot("endpoint-user-versions");

        choose("");
        ui.browser().await().until(d -> charts.boxCounts("versions-chart").equals(List.of(12L, 9L, 6L)));
        awaitSections();
        assertEquals(history.heatmapCells(), charts.matrixCells("heatmap-chart"));
        assertEquals("Execution time per version", heading("section-versions"));
        assertEquals(List.of(24L, 1L, 1L, 1L), ChartReads.longs(ui.browser().chartData("status-chart", 0)));
        assertTrue(!ui.browser().driver().getCurrentUrl().contains("user="), ui.browser().driver().getCurrentUrl());
    }

    @Test
    void aUserWithRecentRequestsNarrowsTheLastTwoDays() {
        ui.browser().open(ORDERS_PAGE + "&user=ann");
        assertEquals("empty", ui.browser().awaitSection("section-hourly"));
        assertEquals("No requests of user ann in the last 2 days.", note("section-hourly"));
        assertEquals("The last 2 days per hour for user ann", heading("section-hourly"));

        choose("alice");
        ui.browser().awaitReady("section-hourly");
        assertEquals(6.0, ChartReads.sum(ui.browser().chartData("hourly-requests-chart", 0)), 1e-9);
        assertEquals(35.0, ChartReads.max(ui.browser().chartData("hourly-times-chart", 0)), 1e-9);
        assertEquals("The last 2 days per hour for user alice", heading("section-hourly"));
    }

    @Test
    void aFilteredPageIsReadableAtPhoneWidth() throws Exception {
        ui.browser().phoneWidth();
        ui.browser().open(ORDERS_PAGE + "&user=bob");
        assertShowsBob();

        ui.browser().assertNoHorizontalOverflow();
        ui.browser().screenshot("endpoint-user-phone");
    }

    private static void assertShowsBob() {
        awaitSections();
        assertEquals("empty", ui.browser().awaitSection("section-hourly"));
        assertEquals("No requests of user bob in the last 2 days.", note("section-hourly"));
        assertEquals(history.heatmapCells("bob"), charts.matrixCells("heatmap-chart"));
        assertEquals(List.of("1.4.0", "1.4.1"), ui.browser().chartLabels("versions-chart"));
        List<Object> boxes = ui.browser().chartData("versions-chart", 0);
        List<Double> medians = boxes.stream().map(b -> ((Number) ((Map<?, ?>) b).get("median")).doubleValue()).toList();
        // Medians of 11, 14, 17, 20 and of 22, 28, 34 ms, from sketches: within 1 %.
        assertEquals(2, medians.size());
        assertEquals(15.5, medians.get(0), 0.155, "medians " + medians);
        assertEquals(28.0, medians.get(1), 0.28, "medians " + medians);
        assertEquals(List.of("200", "404"), ui.browser().chartLabels("status-chart"));
        assertEquals(List.of(6L, 1L), ChartReads.longs(ui.browser().chartData("status-chart", 0)));
        List<WebElement> failures = ui.browser().rows("failures-table", 1);
        assertEquals(List.of("404", "1.4.1", "bob"), pick(BrowserSession.cells(failures.get(0)), 1, 4, 5));
        assertEquals("Requests per hour of day for user bob", heading("section-heatmap"));
        assertEquals("Execution time per version for user bob", heading("section-versions"));
        assertEquals("Status codes for user bob", heading("section-status"));
        assertEquals("Execution time per user", heading("section-users"));
    }

    private static void awaitSections() {
        for (String section : USER_SECTIONS) {
            ui.browser().awaitReady(section);
        }
        ui.browser().awaitReady("section-users");
    }

    /** Chooses a user once the range's users are listed ("" for all users). */
    private static void choose(String user) {
        ui.browser().await().until(d -> optionTexts(userSelect()).size() > 1);
        userSelect().selectByValue(user);
    }

    private static Select userSelect() {
        return new Select(ui.browser().await().until(d -> d.findElement(By.id("filter-user"))));
    }

    private static List<String> optionTexts(Select select) {
        ui.browser().await().until(d -> select.getOptions().size() > 1);
        return select.getOptions().stream().map(WebElement::getText).toList();
    }

    private static String heading(String sectionId) {
        return ui.browser().driver().findElement(By.cssSelector("#" + sectionId + " > h2")).getText();
    }

    private static String note(String sectionId) {
        return ui.browser().driver().findElement(By.cssSelector("#" + sectionId + " > .section-note")).getText();
    }

    private static List<String> pick(List<String> cells, int... indices) {
        return java.util.Arrays.stream(indices).mapToObj(cells::get).toList();
    }

    private static void scrollTo(String id) {
        ui.browser().js("document.getElementById(arguments[0]).scrollIntoView()", id);
    }
}
