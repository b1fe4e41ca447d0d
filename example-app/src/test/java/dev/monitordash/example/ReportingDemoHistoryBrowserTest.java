package dev.monitordash.example;

import dev.monitordash.ui.support.BrowserSession;
import dev.monitordash.ui.testing.Browser;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reporting page over the example's {@code --demo-history}: the version that made one endpoint twice
 * as slow shows it first under "Slower", linked to its page, and the next version's fix under "Faster".
 */
class ReportingDemoHistoryBrowserTest {

    private static final String BASELINE = "1.1.0";
    private static final String FIXED = "1.3.0";

    @TempDir
    static Path dir;
    private static Server server;
    private static BrowserSession browser;
    private static boolean available;

    @BeforeAll
    static void start() throws Exception {
        available = Browser.chromiumAvailable();
        if (!available) {
            return;
        }
        System.setProperty("monitordash.database", "jdbc:sqlite:" + dir.resolve("demo.db"));
        System.setProperty("monitordash.version", "2.0.0");
        server = ExampleApp.start(0, 14, 40);
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        browser = BrowserSession.start(dir.resolve("chromium-profile"), URI.create("http://localhost:" + port + "/dashboard"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
            if (server != null) {
                server.stop();
            }
        } finally {
            System.clearProperty("monitordash.database");
            System.clearProperty("monitordash.version");
        }
    }

    @BeforeEach
    void logIn() {
        Browser.assumeChromium(available);
        browser.reset();
        browser.logIn("admin", "admin", "overview");
    }

    @AfterEach
    void noConsoleErrors() {
        if (browser != null) {
            browser.assertNoConsoleErrors();
        }
    }

    @Test
    void theRegressingVersionListsItsEndpointFirstUnderSlower() throws Exception {
        browser.open("reporting?beforeVersion=" + BASELINE + "&afterVersion=" + DemoHistory.REGRESSED_VERSION);
        browser.awaitReady("report");

        assertEquals(BASELINE + " → " + DemoHistory.REGRESSED_VERSION, text("report-title"));
        List<WebElement> slower = browser.driver().findElements(By.cssSelector("#report-slower tbody tr"));
        assertTrue(!slower.isEmpty(), text("report"));
        assertEquals(DemoHistory.REGRESSED_ENDPOINT, slower.get(0).getAttribute("data-endpoint"));
        String href = slower.get(0).findElement(By.tagName("a")).getAttribute("href");
        assertTrue(href.endsWith("/dashboard/endpoint?endpoint="
                + URLEncoder.encode(DemoHistory.REGRESSED_ENDPOINT, StandardCharsets.UTF_8)), href);
        List<String> cells = BrowserSession.cells(slower.get(0));
        assertTrue(cells.get(2).startsWith("+"), "median change " + cells);
        browser.screenshot("reporting-demo-regression");
    }

    @Test
    void theNextVersionListsTheFixUnderFaster() throws Exception {
        browser.open("reporting?beforeVersion=" + DemoHistory.REGRESSED_VERSION + "&afterVersion=" + FIXED);
        browser.awaitReady("report");

        List<WebElement> faster = browser.driver().findElements(By.cssSelector("#report-faster tbody tr"));
        assertTrue(!faster.isEmpty(), text("report"));
        assertEquals(DemoHistory.REGRESSED_ENDPOINT, faster.get(0).getAttribute("data-endpoint"));
    }

    private static String text(String id) {
        return browser.driver().findElement(By.id(id)).getText().trim();
    }
}
