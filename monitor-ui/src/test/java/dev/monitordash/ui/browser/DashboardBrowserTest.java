package dev.monitordash.ui.browser;

import dev.monitordash.ui.testing.BrowserSession;
import dev.monitordash.ui.support.DashboardInBrowser;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.testing.Browser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real browser (headless Chromium): login, the overview and rules pages render the
 * endpoints, an admin changes a level with the select, a guest cannot, an XSS payload as an endpoint
 * name stays text, and the console stays free of errors (which includes CSP violations). Screenshots go
 * to {@code target/screenshots/}.
 */
class DashboardBrowserTest {

    private static final String XSS_IMG = "/xss/<img src=x onerror=\"window.__xss='img'\">";
    private static final String XSS_SCRIPT = "/xss/<script>window.__xss='script'</script>";
    private static final List<String> ROUTES = List.of("/orders/{id}", "/orders", "/search", "/reports/slow",
            "/health", XSS_IMG, XSS_SCRIPT);
    /** The routes plus the two catch-all endpoints, "(not found)" and "(other endpoints)". */
    private static final int RULES_ROWS = ROUTES.size() + 2;

    @RegisterExtension
    static final DashboardInBrowser ui = new DashboardInBrowser("/shop", DashboardBrowserTest::seed);

    private ChromeDriver driver;
    private WebDriverWait wait;

    /** A small, varied history: several endpoints, methods, errors, days. */
    private static void seed(DashboardServer server) throws InterruptedException {
        server.declare("/orders/{id}", "OrderServlet");
        server.declare("/orders", "OrdersServlet");
        server.declare("/search", "SearchServlet");
        server.declare("/reports/slow", "ReportServlet");
        server.declare("/health", "HealthServlet");
        server.declare(XSS_IMG, "EvilServlet");
        server.declare(XSS_SCRIPT, "EvilServlet");
        Instant now = Instant.now();
        int n = 0;
        for (int i = 0; i < 40; i++) {
            server.record("/orders/{id}", "GET", i % 10 == 0 ? 404 : 200, 8 + i % 7, now.minusSeconds(60L * i));
            n++;
        }
        for (int i = 0; i < 12; i++) {
            server.record("/orders", i % 3 == 0 ? "POST" : "GET", 200, 20 + i, now.minusSeconds(3600L * i));
            n++;
        }
        for (int i = 0; i < 25; i++) {
            server.record("/search", "GET", i % 8 == 0 ? 500 : 200, 35 + i, now.minusSeconds(86_400L * (i % 9)));
            n++;
        }
        for (int i = 0; i < 5; i++) {
            server.record("/reports/slow", "GET", 200, 2_400 + 100 * i, now.minusSeconds(7_200L * i));
            n++;
        }
        server.record(XSS_IMG, "GET", 200, 3, now.minusSeconds(5));
        server.record(XSS_SCRIPT, "GET", 200, 4, now.minusSeconds(6));
        server.awaitWritten(n + 2);
    }

    @BeforeEach
    void handles() {
        driver = ui.browser().driver();
        wait = ui.browser().await();
    }

    @Test
    void adminSeesTheOverviewAndRulesAndChangesALevel() throws Exception {
        logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");

        Map<String, WebElement> overview = rows("overview-table", ROUTES.size());
        assertEquals(new java.util.TreeSet<>(ROUTES), overview.keySet());
        List<String> orders = cells(overview.get("/orders/{id}"));
        assertEquals(List.of("/orders/{id}", "40", "40", "40"), orders.subList(0, 4));
        assertEquals("4", orders.get(5), "errors: status >= 400");
        assertTrue((Boolean) js("return Chart.getChart(document.getElementById('hits-chart')) !== undefined"));
        assertTrue(driver.findElement(By.id("overview-chart-card")).isDisplayed());
        waitForText(By.id("store-health"), "Store OK");
        String status = driver.findElement(By.id("status-line")).getText();
        assertTrue(status.contains("Version 1.4.2"), status);
        assertTrue(status.contains("Records written 84"), status);
        assertTrue(status.contains("Dropped 0"), status);
        Browser.screenshot(driver, "overview");
        js("document.getElementById('status-line').scrollIntoView()");
        Browser.screenshot(driver, "overview-bottom");

        driver.findElement(By.linkText("Rules")).click();
        wait.until(ExpectedConditions.urlToBe(ui.server().base() + "/rules"));
        Map<String, WebElement> rules = rows("rules-table", RULES_ROWS); // + (not found), (other endpoints)
        List<String> orderRow = cells(rules.get("/orders"));
        assertEquals("/orders", orderRow.get(0));
        assertEquals("GET POST", orderRow.get(1));
        assertEquals("OrdersServlet", orderRow.get(2));
        assertTrue(orderRow.get(3).contains("version 1.4.2"), orderRow.get(3));

        Select level = new Select(rules.get("/orders/{id}").findElement(By.tagName("select")));
        assertEquals("1 · performance", level.getFirstSelectedOption().getText());
        level.selectByValue("3");

        await(() -> ui.server().monitor().endpoints().find("/orders/{id}").level() == 3, "level 3 in the monitor");
        wait.until(d -> rules.get("/orders/{id}").getAttribute("class").contains("saved"));
        assertEquals(3, ui.server().storedLevel("/orders/{id}"));
        assertFalse(driver.findElement(By.id("rules-error")).isDisplayed());
        Browser.screenshot(driver, "rules-admin");

        driver.navigate().refresh();
        Select reloaded = new Select(rows("rules-table", RULES_ROWS).get("/orders/{id}")
                .findElement(By.tagName("select")));
        assertEquals("3", reloaded.getFirstSelectedOption().getAttribute("value"));
    }

    @Test
    void guestSeesTheLevelsReadOnly() throws Exception {
        logIn("guest", DashboardServer.GUEST_PASSWORD, "overview");
        driver.findElement(By.linkText("Rules")).click();

        Map<String, WebElement> rules = rows("rules-table", RULES_ROWS);

        assertEquals(0, driver.findElements(By.cssSelector("#rules-table select, #rules-table button:not(.sort)")).size(),
                "a guest gets no control to change a level");
        assertEquals("1 · performance", rules.get("/orders").findElement(By.className("level-text")).getText());
        assertFalse(driver.findElement(By.cssSelector("nav a[href='export']")).isDisplayed(), "no export for guests");
        assertTrue(driver.findElement(By.id("rules-readonly")).isDisplayed());
        assertEquals("guest", driver.findElement(By.id("account-role")).getText());
        Browser.screenshot(driver, "rules-guest");
    }

    @Test
    void endpointNamesWithMarkupRenderAsTextAndRunNoScript() throws Exception {
        logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        Map<String, WebElement> overview = rows("overview-table", ROUTES.size());
        assertEquals(XSS_IMG, cells(overview.get(XSS_IMG)).get(0));
        assertEquals(XSS_SCRIPT, cells(overview.get(XSS_SCRIPT)).get(0));

        driver.findElement(By.linkText("Rules")).click();
        Map<String, WebElement> rules = rows("rules-table", RULES_ROWS);
        assertEquals(XSS_IMG, cells(rules.get(XSS_IMG)).get(0));

        assertNull(js("return window.__xss === undefined ? null : window.__xss"));
        assertEquals(0L, js("return document.querySelectorAll('main img, main script').length"));
    }

    @Test
    void anonymousVisitorIsSentToLoginAndBackToThePageAskedFor() throws Exception {
        driver.get(ui.server().base() + "/rules");
        wait.until(ExpectedConditions.urlContains("/login?next=rules"));

        fillLogin("admin", "not the password");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-error")));
        assertEquals("wrong user name or password", error.getText());
        Browser.screenshot(driver, "login-failed");
        // The browser reports the refused login (401) as a failed resource load; nothing else.
        List<LogEntry> logged = Browser.consoleErrors(driver);
        assertTrue(logged.stream().allMatch(e -> e.getMessage().contains("api/login") && e.getMessage().contains("401")),
                logged.toString());

        fillLogin("admin", DashboardServer.ADMIN_PASSWORD);
        wait.until(ExpectedConditions.urlToBe(ui.server().base() + "/rules"));
        rows("rules-table", RULES_ROWS);

        driver.findElement(By.cssSelector("form.logout button")).click();
        wait.until(ExpectedConditions.urlToBe(ui.server().base() + "/login"));
        driver.get(ui.server().base() + "/overview");
        wait.until(ExpectedConditions.urlContains("/login?next=overview"));
    }

    @Test
    void anEmptyDashboardSaysWhatToDo() throws Exception {
        try (DashboardServer empty = DashboardServer.start(ui.dataDir(), "")) {
            ui.browser().useDashboard(empty.base());
            driver.get(empty.base() + "/login");
            fillLogin("admin", DashboardServer.ADMIN_PASSWORD);
            wait.until(ExpectedConditions.urlToBe(empty.base() + "/overview"));

            WebElement hint = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("overview-empty")));

            assertTrue(hint.getText().startsWith("No requests recorded yet"), hint.getText());
            assertFalse(driver.findElement(By.id("overview-chart-card")).isDisplayed());
            assertEquals(0, driver.findElements(By.cssSelector("#overview-table tbody tr")).size());
            waitForText(By.id("store-health"), "Store OK");
            Browser.screenshot(driver, "overview-empty");
        }
    }

    @Test
    void pagesStayReadableAtPhoneWidth() throws Exception {
        logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().phoneWidth();
        rows("overview-table", ROUTES.size());
        ui.browser().assertNoHorizontalOverflow();
        Browser.screenshot(driver, "overview-phone");
        driver.findElement(By.linkText("Rules")).click();
        rows("rules-table", RULES_ROWS);
        Browser.screenshot(driver, "rules-phone");
    }

    private void logIn(String user, String password, String landing) {
        ui.browser().logIn(user, password, landing);
    }

    private void fillLogin(String user, String password) {
        ui.browser().fillLogin(user, password);
    }

    /** Waits for a table with {@code count} body rows and returns them by their endpoint. */
    private Map<String, WebElement> rows(String containerId, int count) {
        return ui.browser().rowsBy(containerId, count, "endpoint");
    }

    private static List<String> cells(WebElement row) {
        return BrowserSession.cells(row);
    }

    private void waitForText(By by, String text) {
        ui.browser().waitForText(by, text);
    }

    private static Object js(String script) {
        return ui.browser().js(script);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        BrowserSession.awaitCondition(condition, what);
    }
}
