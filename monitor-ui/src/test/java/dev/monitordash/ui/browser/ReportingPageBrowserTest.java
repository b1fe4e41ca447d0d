package dev.monitordash.ui.browser;

import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.ui.testing.BrowserSession;
import dev.monitordash.ui.support.DashboardInBrowser;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reporting page in headless Chromium over history of two versions recorded in the test: version
 * 2.0 doubled the median of {@code /orders/{id}} and left {@code /search} alone; {@code /new} exists
 * only in 2.0. The page must list exactly the regression under "Slower", linked to its endpoint page.
 */
class ReportingPageBrowserTest {

    static final String SLOWER = "/orders/{id}";
    static final String SAME = "/search";
    static final String ONLY_NEW = "/new";
    static final int PER_SIDE = 150; // above the 100 requests a side the report needs

    @RegisterExtension
    static final DashboardInBrowser ui = new DashboardInBrowser("", ReportingPageBrowserTest::recordTwoVersions);

    /** 1.0 ten days ago, 2.0 yesterday (both in the default range and in the default intervals). */
    static void recordTwoVersions(DashboardServer s) {
        for (String e : List.of(SLOWER, SAME, ONLY_NEW)) {
            s.declare(e, "Servlet");
        }
        Instant old = Instant.now().minus(10, ChronoUnit.DAYS);
        Instant recent = Instant.now().minus(1, ChronoUnit.DAYS);
        List<RequestRecord> v1 = new ArrayList<>();
        List<RequestRecord> v2 = new ArrayList<>();
        for (int i = 0; i < PER_SIDE; i++) {
            double jitter = (i * 7) % 10;
            v1.add(s.request(SLOWER, "GET", 200, 10 + jitter, old.plusSeconds(60L * i)));
            v1.add(s.request(SAME, "GET", i % 20 == 0 ? 500 : 200, 15 + (i * 3) % 10, old.plusSeconds(60L * i)));
            v2.add(s.request(SLOWER, "GET", 200, 20 + jitter, recent.plusSeconds(60L * i)));
            v2.add(s.request(SAME, "GET", 200, 15 + (i * 7) % 10, recent.plusSeconds(60L * i)));
            v2.add(s.request(ONLY_NEW, "GET", 200, 5, recent.plusSeconds(60L * i)));
        }
        s.record("1.0", v1);
        s.record("2.0", v2);
    }

    @Test
    void theTwoNewestVersionsAreComparedAndOnlyTheRegressionIsListedAsSlower() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().driver().findElement(By.linkText("Reporting")).click();
        ui.browser().awaitReady("report");

        assertEquals("1.0 → 2.0", text(By.id("report-title")));
        assertEquals("Previous: 1.0", new Select(find(By.id("filter-beforeVersion"))).getFirstSelectedOption().getText());
        assertEquals("Newest: 2.0", new Select(find(By.id("filter-afterVersion"))).getFirstSelectedOption().getText());
        List<WebElement> slower = ui.browser().rows("report-slower", 1);
        assertEquals(SLOWER, slower.get(0).getAttribute("data-endpoint"));
        WebElement link = slower.get(0).findElement(By.tagName("a"));
        assertEquals("endpoint?endpoint=%2Forders%2F%7Bid%7D", link.getAttribute("href").replaceFirst(".*/", ""));
        assertEquals(SLOWER, link.getText());
        List<String> cells = BrowserSession.cells(slower.get(0));
        // Medians come from sketches, within 1 % of the exact 14.5 and 24.5 ms: the shown text may round
        // either way in its last digit; requests and the extra time (150 × 10 ms, exact means) are exact.
        assertEquals(SLOWER, cells.get(0));
        assertTrue(cells.get(1).matches("median 1\\.7× slower \\(14\\.[4-6] ms → 24\\.[3-7] ms\\), p90 .*"),
                cells.get(1));
        assertTrue(cells.get(2).matches("\\+(6[89]|70)(\\.\\d)?%"), cells.get(2));
        assertEquals(List.of("+1.5 s", "150 → 150"), cells.subList(3, 5));
        assertTrue(cells.get(5).contains("Not the mix of hours"), cells.get(5));
        assertTrue(cells.get(5).contains("one user only (alice)"), cells.get(5));
        assertEquals("No endpoint got significantly faster.", text(By.cssSelector("#report-faster .report-none")));

        // Every endpoint with requests in both versions, and nothing else (/new is only in 2.0).
        Map<String, WebElement> all = ui.browser().rowsBy("report-table", 2, "endpoint");
        assertEquals(java.util.Set.of(SLOWER, SAME), all.keySet());
        List<String> same = BrowserSession.cells(all.get(SAME));
        assertEquals("150 → 150", same.get(1));
        assertEquals("no", same.get(8), "the unchanged endpoint is not significant: " + same);
        assertTrue(same.get(5).startsWith("5.3% → 0%"), same.get(5));
        assertTrue(same.get(5).replace('\u00a0', ' ').endsWith("2xx 142, 5xx 8 → 2xx 150"), "status classes: " + same.get(5));
        assertEquals("unchanged", same.get(9));
        assertEquals("Slower", BrowserSession.cells(all.get(SLOWER)).get(8));
        assertTrue(text(By.id("report-summary")).contains("1 slower, 0 faster, 1 without a significant change"));
        assertTrue(text(By.id("report-significance")).contains("the false discovery rate is held at 5% across all 4 tests"
                + " of this report (Benjamini-Hochberg)"), text(By.id("report-significance")));
        assertEquals(link.getAttribute("href"), all.get(SLOWER).findElement(By.tagName("a")).getAttribute("href"));
        ui.browser().screenshot("reporting");
    }

    @Test
    void twoIntervalsAreComparedAndAnIntervalWithoutRequestsSaysSo() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().open("reporting");
        ui.browser().awaitReady("report");

        new Select(find(By.id("filter-mode"))).selectByValue("intervals");
        ui.browser().await().until(d -> text(By.id("report-title")).contains(" to "));
        ui.browser().awaitReady("report");
        LocalDate today = LocalDate.now(DashboardServer.ZONE);
        assertEquals(today.minusDays(13) + " to " + today.minusDays(7) + " → " + today.minusDays(6) + " to " + today,
                text(By.id("report-title")));
        assertEquals(SLOWER, ui.browser().rows("report-slower", 1).get(0).getAttribute("data-endpoint"));
        assertTrue(find(By.id("filter-afterFrom")).isDisplayed());
        assertTrue(!find(By.id("filter-range")).isDisplayed(), "the versions' range is hidden in interval mode");
        assertTrue(ui.browser().driver().getCurrentUrl().endsWith("/reporting?mode=intervals"));
        ui.browser().screenshot("reporting-intervals");

        ui.browser().open("reporting?mode=intervals&beforeFrom=2021-03-01&beforeTo=2021-03-07");
        assertEquals("empty", ui.browser().awaitSection("report"));
        assertTrue(text(By.cssSelector("#report .section-note")).startsWith(
                "No endpoint has requests in both intervals (2021-03-01 to 2021-03-07 and "), text(By.id("report")));
    }

    @Test
    void withOneVersionThePageOffersIntervalsInstead() throws Exception {
        try (DashboardServer single = DashboardServer.start(ui.dataDir(), "")) {
            single.declare(SAME, "Servlet");
            single.record("1.0", List.of(single.request(SAME, "GET", 200, 3, Instant.now().minusSeconds(3_600))));
            ui.browser().useDashboard(single.base());
            ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
            ui.browser().open("reporting");

            assertEquals("empty", ui.browser().awaitSection("report"));
            assertTrue(text(By.cssSelector("#report .section-note")).startsWith(
                    "Only one version recorded so far (1.0) in this range"), text(By.id("report")));
            ui.browser().screenshot("reporting-one-version");
            find(By.id("report-use-intervals")).click();
            ui.browser().await().until(d -> d.getCurrentUrl().endsWith("mode=intervals"));
            assertEquals("empty", ui.browser().awaitSection("report"));
            assertTrue(text(By.cssSelector("#report .section-note")).startsWith("No endpoint has requests in both intervals"));
        }
    }

    @Test
    void guestsSeeTheReportWithoutExportControls() throws Exception {
        ui.browser().logIn("guest", DashboardServer.GUEST_PASSWORD, "overview");
        ui.browser().open("reporting");
        ui.browser().awaitReady("report");
        ui.browser().rows("report-slower", 1);

        assertTrue(ui.browser().driver().findElements(By.cssSelector("a[href^='export'], a[href*='api/export']")).stream()
                .noneMatch(WebElement::isDisplayed), "no visible link to the export");
        assertTrue(ui.browser().driver().findElements(By.id("export-download")).isEmpty());
    }

    @Test
    void aSlowReportShowsItIsLoadingAndKeepsThePreviousAnswerMeanwhile() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().open("reporting");
        ui.browser().awaitReady("report");
        ui.browser().driver().executeCdpCommand("Network.enable", Map.of());
        latency(1_500); // every answer now takes 1.5 s: the report over a million rows, as it were
        try {
            new Select(find(By.id("filter-range"))).selectByValue("90");
            assertEquals("loading", find(By.id("report")).getAttribute("data-state"));
            assertEquals("true", find(By.id("report")).getAttribute("aria-busy"));
            assertEquals("Loading…", text(By.cssSelector("#report .section-note")));
            assertTrue(find(By.id("report-table")).isDisplayed(), "the previous answer stays, dimmed");
        } finally {
            latency(0);
        }
        ui.browser().awaitReady("report");
        assertEquals("1.0 → 2.0", text(By.id("report-title")));
        assertTrue(ui.browser().driver().getCurrentUrl().endsWith("/reporting?days=90"));
    }

    private static void latency(int millis) {
        ui.browser().driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false,
                "latency", millis, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    @Test
    void thePageFitsAPhone() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().phoneWidth();
        ui.browser().open("reporting");
        ui.browser().awaitReady("report");
        ui.browser().rows("report-table", 2);
        ui.browser().assertNoHorizontalOverflow();
        ui.browser().screenshot("reporting-phone");
    }

    private static WebElement find(By by) {
        return ui.browser().driver().findElement(by);
    }

    private static String text(By by) {
        return find(by).getText().trim();
    }
}
