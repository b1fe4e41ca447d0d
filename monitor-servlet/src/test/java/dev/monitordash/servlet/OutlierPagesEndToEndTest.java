package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.outlier.Masking;
import dev.monitordash.core.outlier.OutlierThresholds;
import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.JettyServer;
import dev.monitordash.ui.testing.BrowserSession;
import dev.monitordash.ui.testing.Browser;
import example.shop.Reports;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole path of issue 4 in one test: a real Jetty with the real filter at level 3, a servlet that
 * blocks past its threshold for a client sending script in a header and in the header the app takes its
 * user name from, the watchdog's capture and the profiler's samples in a real SQLite file, and the
 * dashboard's outliers and profile pages in headless Chromium showing them, as text.
 */
class OutlierPagesEndToEndTest {

    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String ENDPOINT = "/reports/*";
    static final String PASSWORD = "end to end password";
    static final String XSS_USER = "<img src=x onerror=\"window.__xssUser=1\">";
    static final String XSS_HEADER = "<script>window.__xssHeader=1</script>";

    @TempDir
    static Path dir;

    private static boolean available;
    private static JettyServer server;
    private static Monitor monitor;
    private static BrowserSession browser;

    /** Blocks in application code (a package of its own) for ?ms= milliseconds. */
    static final class ReportServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            try {
                Reports.render(Long.parseLong(req.getParameter("ms")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            resp.setContentType("text/plain");
            resp.getWriter().write("done");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        available = Browser.chromiumAvailable();
        if (!available) {
            return;
        }
        server = new JettyServer();
        server.addServlet("reports", new ReportServlet(), ENDPOINT);
        AtomicReference<Monitor> bound = new AtomicReference<>();
        server.bindWith(context -> bound.set(MonitoringDashboard.configure()
                .database("jdbc:sqlite:" + dir.resolve("monitor.db"))
                .version("2.0")
                .adminPassword(PASSWORD)
                .defaultLevel(MonitoringLevel.PROFILER)
                .outlierMinRequests(10)
                .groupBy(request -> request.getHeader("X-User"))
                .bind(context)));
        server.start();
        monitor = bound.get();
        for (int i = 0; i < 10; i++) {
            get("/reports/warm?ms=20", "X-User", "ann");
        }
        Await.until("the threshold of " + ENDPOINT, DEADLINE,
                () -> monitor.outliers().thresholds().thresholdNanos(ENDPOINT) != OutlierThresholds.NONE);
        get("/reports/slow?ms=1500&password=hunter2", "X-User", XSS_USER, "X-Evil", XSS_HEADER,
                "Authorization", "Basic YWRtaW46c2VjcmV0");
        Await.until("the outlier in the SQLite file", DEADLINE, () -> monitor.queries().outliers(ENDPOINT, 10).stream()
                .anyMatch(o -> o.url().endsWith("/reports/slow")));
        browser = BrowserSession.start(dir.resolve("chromium"), server.uri("/dashboard"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void logIn() {
        Browser.assumeChromium(available);
        browser.reset();
        browser.logIn("admin", PASSWORD, "overview");
    }

    private static void get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(server.uri(pathAndQuery)).headers(headers).timeout(DEADLINE).GET().build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
    }

    @Test
    void outlierCaughtInJettyShowsItsStackThreadsCpuAndRequestAsText() throws Exception {
        browser.open("outliers?endpoint=%2Freports%2F*");
        browser.awaitReady("outliers-list");
        assertTrue(browser.driver().findElement(By.id("outliers-table")).getText().contains(XSS_USER));

        browser.awaitReady("outlier-stack");
        List<String> appFrames = browser.driver().findElements(By.cssSelector("#outlier-stack-body li.frame-app"))
                .stream().map(WebElement::getText).toList();
        assertTrue(appFrames.stream().anyMatch(f -> f.contains("example.shop.Reports.render")), appFrames::toString);
        // Jetty's frames below the servlet are folded into rows; opened, they show as framework frames.
        List<WebElement> folds = browser.driver().findElements(By.cssSelector("#outlier-stack-body li.frame-run button"));
        assertTrue(folds.stream().anyMatch(b -> b.getText().matches("… \\d+ framework frames \\(show\\)")), "folded runs");
        folds.forEach(WebElement::click);
        assertTrue(browser.driver().findElements(By.cssSelector("#outlier-stack-body li.frame-framework")).stream()
                .anyMatch(li -> li.getText().contains("org.eclipse.jetty.")), "Jetty's frames are framework frames");
        WebElement requestThread = browser.driver().findElement(By.cssSelector(
                "details.thread-group[data-state=TIMED_WAITING] details.thread-request"));
        assertTrue(requestThread.getText().contains("Reports.render"));
        List<String> cores = browser.chartLabels("outlier-cpu-chart");
        assertTrue(cores.size() >= Runtime.getRuntime().availableProcessors(), cores::toString);

        browser.awaitReady("outlier-request");
        assertEquals(XSS_HEADER, cell("headers", "X-Evil"));
        assertEquals(Masking.MASK, cell("headers", "Authorization"));
        assertEquals(Masking.MASK, cell("parameters", "password"));
        assertEquals(XSS_USER, browser.driver().findElement(By.xpath(
                "//div[@id='outlier-request-body']//tr[th='User']/td")).getText());
        assertNull(browser.js("return window.__xssUser ?? window.__xssHeader ?? null"));
        assertEquals(0L, browser.js("return document.querySelectorAll('main img, main script').length"));
        browser.js("document.getElementById('outlier-title').scrollIntoView()");
        browser.screenshot("end-to-end-outlier");
        browser.assertNoConsoleErrors();
    }

    @Test
    void profileOfTheEndpointShowsTheBlockingMethodInTreeAndFlameGraph() {
        browser.open("profile?endpoint=%2Freports%2F*");
        browser.awaitReady("profile-tree");
        WebElement row = browser.await().until(d -> d.findElement(By.cssSelector(
                "#profile-tree-body [data-frame='example.shop.Reports.render'] > .tree-row")));
        String share = row.findElement(By.cssSelector(".tree-pct")).getText();
        assertTrue(Double.parseDouble(share.replace("%", "").trim()) >= 80, "the slow request dominates: " + share);
        browser.awaitReady("profile-flame");
        browser.await().until(d -> d.findElement(By.cssSelector(
                "#profile-flame-body g[data-frame='example.shop.Reports.render']")));
        browser.assertNoConsoleErrors();
    }

    private static String cell(String table, String name) {
        return browser.driver().findElement(By.xpath("//table[@data-fields='" + table + "']//tr[td[1]='" + name + "']/td[2]"))
                .getText();
    }
}
