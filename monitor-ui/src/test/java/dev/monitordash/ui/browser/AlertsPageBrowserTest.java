package dev.monitordash.ui.browser;

import dev.monitordash.core.alert.AlertRule;
import dev.monitordash.core.alert.Alerting;
import dev.monitordash.core.alert.Comparison;
import dev.monitordash.core.alert.Metric;
import dev.monitordash.core.alert.Severity;
import dev.monitordash.core.alert.notify.Receiver;
import dev.monitordash.core.alert.notify.ReceiverKind;
import dev.monitordash.core.testing.WebhookServer;
import dev.monitordash.ui.support.DashboardInBrowser;
import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.testing.BrowserSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Alerts page in headless Chromium: admins edit rules, silences and receivers; guests only see them. */
class AlertsPageBrowserTest {

    private static final WebhookServer HOOK = start();

    @RegisterExtension
    static final DashboardInBrowser ui = new DashboardInBrowser("", server -> {
        server.declare("/api/orders", "OrderServlet");
        server.declare("/api/search", "SearchServlet");
        Instant now = Instant.now();
        for (int i = 0; i < 30; i++) {
            server.record("/api/orders", "GET", 200, 850, now.minusSeconds(20));
            server.record("/api/search", "GET", 200, 640, now.minusSeconds(20));
        }
        server.awaitWritten(60);
        Alerting alerting = server.monitor().alerting().orElseThrow();
        alerting.rules().save(new AlertRule(null, "Endpoint p95 above 500 ms", Metric.P95, "*", Comparison.ABOVE, 500,
                Duration.ofMinutes(5), Duration.ZERO, Severity.WARNING, Map.of("team", "shop"), List.of(), true), now);
        alerting.rules().save(new AlertRule(null, "Host memory above 80 %", Metric.MEMORY, null, Comparison.ABOVE, 80,
                Duration.ofMinutes(10), Duration.ofMinutes(10), Severity.WARNING, Map.of(), List.of(), true), now);
        alerting.receivers().save(new Receiver(null, "ops-webhook", ReceiverKind.WEBHOOK,
                Map.of("url", HOOK.url("/alerts")), "signing-secret-123", true), now);
        alerting.evaluateNow();
    });

    private static WebhookServer start() {
        try {
            return new WebhookServer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopHook() {
        HOOK.close();
    }

    private BrowserSession browser() {
        return ui.browser();
    }

    private WebElement find(String id) {
        return browser().driver().findElement(By.id(id));
    }

    @Test
    void adminSeesFiringAlertsAddsARuleAfterAUnitErrorAndSendsATestMessage() throws Exception {
        browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        browser().driver().findElement(By.linkText("Alerts")).click();
        Map<String, WebElement> alerts = browser().rowsBy("alerts-table", 2, "series");
        assertEquals("firing", alerts.get("/api/orders").findElement(By.cssSelector("[data-state]")).getText());
        assertEquals("850ms", BrowserSession.cells(alerts.get("/api/orders")).get(3));
        browser().rows("rules-list", 2);
        assertTrue(browser().rows("history-list", 1).get(0).getText().contains("[FIRING 2] Endpoint p95 above 500 ms"));
        BrowserSession.awaitCondition(() -> HOOK.received().size() >= 1, "the webhook got the firing message");

        WebElement form = find("rule-form");
        assertTrue(form.isDisplayed());
        form.findElement(By.name("name")).sendKeys("CPU busy");
        new Select(form.findElement(By.name("metric"))).selectByValue("cpu");
        form.findElement(By.name("threshold")).sendKeys("500ms");
        find("rule-save").click();
        browser().await().until(d -> find("rule-form-error").getText().startsWith("'threshold' of cpu is in percent"));
        // The refused request is the point here: its 400 in the console is expected, so it is read off.
        browser().driver().manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER);
        form.findElement(By.name("threshold")).clear();
        form.findElement(By.name("threshold")).sendKeys("90%");
        form.findElement(By.name("receivers")).sendKeys("ops-webhook");
        find("rule-save").click();
        Map<String, WebElement> rules = browser().rowsBy("rules-list", 3, "rule");
        List<String> cells = BrowserSession.cells(rules.get("CPU busy"));
        assertEquals("cpu above 90% for 5m", cells.get(1));
        assertEquals("ops-webhook", cells.get(6));
        assertEquals(List.of("ops-webhook"), ui.server().monitor().alerting().orElseThrow().rules().rules().stream()
                .filter(r -> r.name().equals("CPU busy")).findFirst().orElseThrow().receivers());

        WebElement receiver = browser().rowsBy("receivers-list", 1, "receiver").get("ops-webhook");
        assertFalse(find("receivers-list").getText().contains("signing-secret-123"), "secrets are never shown");
        int before = HOOK.received().size();
        receiver.findElement(By.xpath(".//button[text()='Send test']")).click();
        browser().waitForText(By.cssSelector("[data-test-result='ops-webhook']"), "sent");
        assertEquals(before + 1, HOOK.received().size());
        browser().js("window.scrollTo(0, 0)");
        browser().screenshot("alerts");
    }

    /** Rows of a table once it has at least {@code n}: another test of the class may have added one. */
    private void atLeast(String containerId, int n) {
        browser().await().until(d -> d.findElements(By.cssSelector("#" + containerId + " tbody tr")).size() >= n);
    }

    @Test
    void adminSilencesARuleAndEndsTheSilence() {
        browser().logIn("admin", DashboardServer.ADMIN_PASSWORD, "overview");
        browser().open("alerts");
        atLeast("rules-list", 2);
        WebElement form = find("silence-form");
        new Select(form.findElement(By.name("ruleId"))).selectByVisibleText("Host memory above 80 %");
        form.findElement(By.name("comment")).sendKeys("maintenance");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement row = browser().rows("silences-list", 1).get(0);
        assertTrue(row.getText().contains("maintenance"), row.getText());
        row.findElement(By.xpath(".//button[text()='End']")).click();
        browser().waitForText(By.id("silences-none"), "No silences.");
    }

    @Test
    void guestSeesRulesAndAlertsWithoutAnyControlOrReceiver() {
        browser().logIn("guest", DashboardServer.GUEST_PASSWORD, "overview");
        browser().open("alerts");
        browser().rows("alerts-table", 2);
        atLeast("rules-list", 2);
        assertTrue(find("alerts-readonly").isDisplayed());
        assertFalse(find("rule-form").isDisplayed());
        assertFalse(find("silence-form").isDisplayed());
        assertFalse(find("receivers-card").isDisplayed());
        assertTrue(browser().driver().findElements(By.xpath("//main//button[text()='Delete']")).isEmpty());
    }
}
