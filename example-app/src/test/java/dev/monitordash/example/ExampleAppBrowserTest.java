package dev.monitordash.example;

import dev.monitordash.ui.testing.Browser;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a person sees after the README's run command: the example app with some traffic, its dashboard
 * in headless Chromium, logged in with the example's admin/admin. Its screenshots are the README's.
 */
class ExampleAppBrowserTest {

    @TempDir
    static Path dir;
    private static Server server;
    private static String base;
    private static ChromeDriver driver;
    private static boolean available;

    @BeforeAll
    static void start() throws Exception {
        available = Browser.chromiumAvailable();
        Browser.assumeChromium(available);
        System.setProperty("monitordash.database", "jdbc:sqlite:" + dir.resolve("example.db"));
        System.setProperty("monitordash.version", "2.1.0");
        server = ExampleApp.start(0);
        base = "http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        sendTraffic();
        driver = Browser.start(dir.resolve("chromium-profile"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.stop();
        }
        System.clearProperty("monitordash.database");
        System.clearProperty("monitordash.version");
    }

    // A little of what --simulate sends, without its pacing: several users, every endpoint but the hang.
    private static void sendTraffic() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String[] paths = {"/api/languages", "/api/bookmarks", "/api/users/7", "/api/users/x", "/nothing/here"};
        for (int i = 0; i < 60; i++) {
            String path = paths[i % paths.length];
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("X-User", "user" + (i % 4)).timeout(Duration.ofSeconds(20));
            client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        }
        for (int i = 0; i < 10; i++) {
            client.send(HttpRequest.newBuilder(URI.create(base + "/api/upload")).header("X-User", "user1")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void adminLogsInAndSeesTheAppsEndpointsOnTheOverviewAndRulesPages() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.get(base + "/dashboard/overview");
        wait.until(ExpectedConditions.urlContains("/dashboard/login"));
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys("admin");
        driver.findElement(By.id("login-submit")).click();
        wait.until(ExpectedConditions.urlToBe(base + "/dashboard/overview"));

        // The writer is asynchronous: reload until the last of the traffic is in.
        Set<String> endpoints = Set.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!endpoints.contains("/api/upload") && System.nanoTime() < deadline) {
            driver.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#overview-table tbody tr")));
            endpoints = endpointsShown();
        }
        assertTrue(endpoints.containsAll(Set.of("/api/languages", "/api/bookmarks", "/api/users/*",
                "/api/upload", "(not found)")), endpoints.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status-line"), "2.1.0"));
        Browser.screenshot(driver, "example-overview");

        driver.findElement(By.linkText("Rules")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rules-table tbody tr")));
        WebElement hang = driver.findElement(By.cssSelector("#rules-table tr[data-endpoint='/api/feeds/refresh']"));
        // Listed from the servlet mappings, though never requested.
        assertTrue(hang.getText().contains("refreshFeeds"), hang.getText());
        assertTrue(hang.getText().contains("never"), hang.getText());
        Browser.screenshot(driver, "example-rules");

        assertEquals(List.of(), Browser.consoleErrors(driver), "browser console errors");
    }

    private static Set<String> endpointsShown() {
        return driver.findElements(By.cssSelector("#overview-table tbody tr")).stream()
                .map(r -> r.getAttribute("data-endpoint")).collect(Collectors.toSet());
    }
}
