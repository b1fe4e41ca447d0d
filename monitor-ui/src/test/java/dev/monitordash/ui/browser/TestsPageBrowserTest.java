package dev.monitordash.ui.browser;

import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.tests.TestOutcome;
import dev.monitordash.core.tests.TestResult;
import dev.monitordash.core.tests.TestRun;
import dev.monitordash.ui.support.DashboardInBrowser;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.testing.BrowserSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Tests page in headless Chromium over runs stored in the test: version 2.0 made {@code Cart#checkout}
 * three times as slow and left the other tests alone; a test of 2.0 fails once. Admins create the API token
 * CI posts with on this page; guests see no token at all.
 */
class TestsPageBrowserTest {

    static final String SUITE = "shop.CartTest";
    static final String SLOWER = SUITE + "#checkout";
    static final int RUNS = 10;

    @RegisterExtension
    static final DashboardInBrowser ui = new DashboardInBrowser("", TestsPageBrowserTest::storeRuns);

    static void storeRuns(DashboardServer s) {
        long t0 = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().minus(3, ChronoUnit.DAYS));
        for (int run = 0; run < RUNS; run++) {
            for (String version : List.of("1.0", "2.0")) {
                List<TestResult> results = new ArrayList<>();
                long start = t0 + (version.equals("2.0") ? 86_400_000_000L : 0) + run * 60_000_000L;
                for (String method : List.of("checkout", "addsItem", "removesItem", "emptiesCart")) {
                    long micros = 20_000 + 1_000L * ((run * 7 + method.length()) % 5);
                    if (version.equals("2.0") && method.equals("checkout")) {
                        micros *= 3;
                    }
                    TestOutcome outcome = version.equals("2.0") && method.equals("emptiesCart") && run == 3
                            ? TestOutcome.FAILED : TestOutcome.PASSED;
                    results.add(new TestResult("[class:" + SUITE + "]/[method:" + method + "()]", SUITE, method,
                            method + "()", outcome, micros, 1, start));
                }
                results.add(new TestResult("[class:" + SUITE + "]/[method:later()]", SUITE, "later", "later()",
                        TestOutcome.SKIPPED, 0, 1, start));
                s.monitor().store().tests().save(new TestRun(version + "-" + run, version, start, results));
            }
        }
        s.declare("/cart", "CartServlet");
        s.record("2.0", List.of(new RequestRecord(s.monitor().endpoints().lookup("/cart"), t0, 5_000_000, "GET", 200,
                null, null, null, null, SLOWER)));
    }

    @Test
    void theSlowerTestIsFoundAndItsBoxPlotShowsEachVersion() throws Exception {
        ui.browser().logIn("guest", DashboardServer.GUEST_PASSWORD, "overview");
        ui.browser().driver().findElement(By.linkText("Tests")).click();
        ui.browser().awaitReady("tests-outcomes");
        assertEquals(List.of("1.0", "2.0"), ui.browser().chartLabels("tests-outcomes-chart"));
        assertEquals(List.of(4L * RUNS, 4L * RUNS - 1), ui.browser().chartData("tests-outcomes-chart", 0));
        assertEquals(List.of(0L, 1L), ui.browser().chartData("tests-outcomes-chart", 1));

        ui.browser().awaitReady("tests-slowest");
        List<WebElement> slowest = ui.browser().rows("tests-slowest-table", 4);
        assertEquals(SLOWER, slowest.get(0).getAttribute("data-test"), "2.0, the newest, is shown first");

        ui.browser().awaitReady("tests-compare");
        assertEquals("Slower or faster: 1.0 → 2.0", text("tests-compare-title"));
        List<WebElement> slower = ui.browser().driver().findElements(By.cssSelector("#tests-slower tbody tr"));
        assertEquals(1, slower.size(), text("tests-compare"));
        List<String> cells = BrowserSession.cells(slower.get(0));
        assertEquals(SLOWER, cells.get(0));
        assertTrue(cells.get(2).startsWith("+"), cells.toString());
        assertTrue(text("tests-faster").endsWith("No test got significantly faster."), text("tests-faster"));

        // The slowest test is shown by default: one box per version, 2.0's three times 1.0's.
        ui.browser().awaitReady("tests-boxes");
        ui.browser().awaitChart("tests-boxes-chart");
        assertEquals(List.of("1.0", "2.0"), ui.browser().chartLabels("tests-boxes-chart"));
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> boxes = (List<java.util.Map<String, Object>>) (List<?>)
                ui.browser().chartData("tests-boxes-chart", 0);
        double before = ((Number) boxes.get(0).get("median")).doubleValue();
        double after = ((Number) boxes.get(1).get("median")).doubleValue();
        assertEquals(3.0, after / before, 0.3);

        ui.browser().awaitReady("tests-endpoints");
        WebElement cart = ui.browser().driver().findElement(By.cssSelector("#tests-endpoints-table tr[data-endpoint='/cart']"));
        assertTrue(cart.getText().contains(SLOWER), cart.getText());
        assertTrue(ui.browser().driver().findElement(By.id("tests-tokens")).getAttribute("hidden") != null,
                "guests never see the tokens");
        ui.browser().assertNoHorizontalOverflow();
    }

    @Test
    void anAdminCreatesATokenSeesItsSecretOnceAndCiPostsWithIt() throws Exception {
        ui.browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        ui.browser().open("tests");
        ui.browser().awaitReady("tests-outcomes");
        ui.browser().driver().findElement(By.id("tests-token-name")).sendKeys("GitHub Actions");
        ui.browser().driver().findElement(By.id("tests-token-create")).click();
        WebElement secret = ui.browser().await().until(d -> {
            WebElement e = d.findElement(By.id("tests-token-secret-value"));
            return e.isDisplayed() && !e.getText().isEmpty() ? e : null;
        });
        String token = secret.getText();
        assertTrue(token.startsWith("mdt_"), token);
        WebElement row = ui.browser().await().until(d -> d.findElements(
                By.cssSelector("#tests-token-table tr[data-token='GitHub Actions']")).stream().findFirst().orElse(null));
        assertTrue(!row.getText().contains(token), "the list never shows a secret");

        String body = "{\"runId\":\"gh-1\",\"version\":\"2.1\",\"startedAt\":\"2026-12-01T10:00:00Z\",\"results\":[]}";
        assertEquals(200, post(body, token).statusCode());
        ui.browser().driver().navigate().refresh();
        WebElement listed = ui.browser().await().until(d -> d.findElements(
                By.cssSelector("#tests-token-table tr[data-token='GitHub Actions']")).stream().findFirst().orElse(null));
        listed.findElement(By.tagName("button")).click();
        ui.browser().await().until(d -> d.findElements(
                By.cssSelector("#tests-token-table tr[data-token='GitHub Actions']")).isEmpty());
        assertEquals(401, post(body, token).statusCode(), "a revoked token is refused");
    }

    private static HttpResponse<String> post(String body, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(ui.server().uri("/api/tests/results"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String text(String id) {
        return ui.browser().driver().findElement(By.id(id)).getText();
    }
}
