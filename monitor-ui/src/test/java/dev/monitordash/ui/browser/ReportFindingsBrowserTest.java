package dev.monitordash.ui.browser;

import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.ui.support.DashboardInBrowser;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.testing.BrowserSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the report says of each finding, in headless Chromium, over history with known truth: 1.4.1 ten
 * days ago, then this server's 1.4.2. {@code /search} got 25 % slower for everyone on many requests (most
 * time lost), {@code /ping} 2.5× slower on few (largest relative change), {@code /checkout} slower for one
 * user only (bob), {@code /rare} has too few requests to say anything.
 */
class ReportFindingsBrowserTest {

    @RegisterExtension
    static final DashboardInBrowser ui = new DashboardInBrowser("", ReportFindingsBrowserTest::recordHistory);

    static void recordHistory(DashboardServer s) {
        for (String e : List.of("/search", "/ping", "/checkout", "/rare")) {
            s.declare(e, "Servlet");
        }
        Instant old = Instant.now().minus(10, ChronoUnit.DAYS);
        Instant recent = Instant.now().minus(1, ChronoUnit.DAYS);
        List<DashboardServer.Hit> before = new ArrayList<>();
        List<DashboardServer.Hit> after = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            double jitter = (i * 7) % 10 / 10.0; // 0 to 0.9 ms
            String user = "user" + (i % 20);
            before.add(new DashboardServer.Hit("/search", 200, 20 + 4 * jitter, old.plusSeconds(5L * i), user, null));
            after.add(new DashboardServer.Hit("/search", 200, 25 + 5 * jitter, recent.plusSeconds(5L * i), user, null));
            if (i < 150) {
                before.add(new DashboardServer.Hit("/ping", 200, 2 + jitter, old.plusSeconds(60L * i), user, null));
                after.add(new DashboardServer.Hit("/ping", 200, 5 + 2.5 * jitter, recent.plusSeconds(60L * i), user, null));
            }
            if (i < 1_000) {
                String buyer = i % 10 == 0 ? "bob" : user;
                before.add(new DashboardServer.Hit("/checkout", 200, 10 + jitter, old.plusSeconds(9L * i), buyer, null));
                after.add(new DashboardServer.Hit("/checkout", 200, buyer.equals("bob") ? 30 + 3 * jitter : 10 + jitter,
                        recent.plusSeconds(9L * i), buyer, null));
            }
            if (i < 30) {
                before.add(new DashboardServer.Hit("/rare", 200, 50, old.plusSeconds(60L * i), user, null));
                after.add(new DashboardServer.Hit("/rare", 200, 90, recent.plusSeconds(60L * i), user, null));
            }
        }
        s.recordVersion("1.4.1", old.minusSeconds(60), before);
        // This server runs 1.4.2; its requests as it would have recorded them.
        s.record(DashboardServer.VERSION.name(), after.stream().map(h -> new dev.monitordash.core.record.RequestRecord(
                s.monitor().endpoints().lookup(h.endpoint()), ChronoUnit.MICROS.between(Instant.EPOCH, h.start()),
                (long) (h.millis() * 1_000_000), "GET", h.status(), h.user(), h.clientIp())).toList());
        ((JdbcStore) s.monitor().store()).catchUp(); // the per-user rollups the users check reads
    }

    @Test
    void findingsAreRankedByExtraTimeSayWhatChangedAndNameTheUserBehindOne() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().open("reporting");
        ui.browser().awaitReady("report");

        assertEquals("1.4.1 → 1.4.2", text(By.id("report-title")));
        List<WebElement> slower = ui.browser().rows("report-slower", 3);
        assertEquals(List.of("/search", "/checkout", "/ping"), endpoints(slower), "most extra time first");
        List<String> search = BrowserSession.cells(slower.get(0));
        assertTrue(search.get(1).startsWith("median +25"), search.get(1));
        assertEquals("+10.9 s", search.get(3), "2 000 requests × 5.45 ms more on average");

        List<String> checkout = BrowserSession.cells(slower.get(1));
        assertTrue(checkout.get(1).contains("median unchanged"), "only bob's tenth moved: " + checkout.get(1));
        assertTrue(checkout.get(5).startsWith("Concentrated in one user: bob (100 requests"), checkout.get(5));
        WebElement bob = slower.get(1).findElement(By.cssSelector("[data-check='users'] a"));
        assertEquals("bob", bob.getText());
        assertEquals("endpoint?endpoint=%2Fcheckout&user=bob", bob.getAttribute("href").replaceFirst(".*/", ""));
        ui.browser().screenshot("reporting-findings");

        // Every endpoint: /rare is listed with its counts, without a number.
        Map<String, WebElement> all = ui.browser().rowsBy("report-table", 4, "endpoint");
        List<String> rare = BrowserSession.cells(all.get("/rare"));
        assertEquals("30 → 30", rare.get(1));
        assertEquals("–", rare.get(2), "no median of 30 requests");
        assertEquals("not enough data", rare.get(3));
        assertEquals("not enough data", rare.get(8));
        assertEquals("not enough data: 30 → 30 requests (100 a side needed)", rare.get(9));
        assertTrue(text(By.id("report-summary")).endsWith("1 with not enough data (fewer than 100 requests a side)."),
                text(By.id("report-summary")));

        new Select(find(By.id("filter-rank"))).selectByValue("relative");
        ui.browser().await().until(d -> d.getCurrentUrl().endsWith("rank=relative"));
        ui.browser().awaitReady("report");
        List<String> byRelative = endpoints(ui.browser().rows("report-slower", 3));
        assertTrue(byRelative.indexOf("/ping") < byRelative.indexOf("/search"), "2.5× before +25 %: " + byRelative);
    }

    @Test
    void theOverviewShowsTheNewestVersionsReportByItself() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().awaitReady("version-report");

        assertEquals("Newest version: 1.4.2 against 1.4.1", text(By.id("version-report-title")));
        assertTrue(text(By.id("version-report-summary")).contains("3 slower, 0 faster"), text(By.id("version-report-summary")));
        List<WebElement> rows = ui.browser().rows("version-report-changes", 3);
        assertEquals(List.of("/search", "/checkout", "/ping"), endpoints(rows));
        assertTrue(BrowserSession.cells(rows.get(1)).get(3).startsWith("Concentrated in one user: bob"));
        ui.browser().screenshot("overview-version-report");
        find(By.id("version-report-link")).click();
        ui.browser().awaitReady("report");
        assertEquals("1.4.1 → 1.4.2", text(By.id("report-title")));
    }

    private static List<String> endpoints(List<WebElement> rows) {
        return rows.stream().map(r -> r.getAttribute("data-endpoint")).toList();
    }

    private static WebElement find(By by) {
        return ui.browser().driver().findElement(by);
    }

    private static String text(By by) {
        return find(by).getText().trim();
    }
}
