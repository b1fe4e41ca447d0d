package dev.monitordash.example;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.alert.Alert;
import dev.monitordash.core.alert.AlertRule;
import dev.monitordash.core.alert.AlertState;
import dev.monitordash.core.alert.Alerting;
import dev.monitordash.core.alert.ReadyMadeRules;
import dev.monitordash.core.alert.notify.Receiver;
import dev.monitordash.core.alert.notify.ReceiverKind;
import dev.monitordash.core.testing.Await;
import dev.monitordash.core.testing.WebhookServer;
import dev.monitordash.servlet.MonitoringDashboard;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerting end to end on the example app: its ready-made rules, its real traffic through the filter and the
 * writer, the evaluation thread every second, and a real webhook receiving the firing message of the 500 ms
 * rule once a slowdown is injected into the recommended articles.
 */
class ExampleAppAlertsTest {

    private static final Duration PERIOD = Duration.ofSeconds(1);
    private static final Duration FOR = Duration.ofSeconds(3);

    @TempDir
    static Path dir;
    private static Server server;
    private static String base;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("monitordash.database", "jdbc:sqlite:" + dir.resolve("alerts.db"));
        System.setProperty("monitordash.version", "alerts-test");
        System.setProperty("monitordash.alerts.period", "1s");
        server = ExampleApp.start(0);
        base = "http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        ExampleEndpoints.injectedDelayMillis = 0;
        server.stop();
        System.clearProperty("monitordash.database");
        System.clearProperty("monitordash.version");
        System.clearProperty("monitordash.alerts.period");
    }

    private static Alerting alerting() {
        ServletContextHandler context = (ServletContextHandler) server.getHandler();
        Monitor monitor = MonitoringDashboard.monitor(context.getServletContext()).orElseThrow();
        return monitor.alerting().orElseThrow();
    }

    @Test
    void injectedSlowdownFiresThe500MsRuleWithinItsForDurationPlusOneEvaluationPeriod() throws Exception {
        Await.until("the ready-made rules are added", Duration.ofSeconds(30),
                () -> alerting().rules().rules().size() == ReadyMadeRules.all().size());
        AlertRule p95 = alerting().rules().rules().stream().filter(r -> r.name().equals("Endpoint p95 above 500 ms"))
                .findFirst().orElseThrow();
        assertEquals("p95 above 500ms for 5m", p95.condition());
        // The ready-made rule, with a `for` a test can wait for and only the endpoint this test slows down.
        alerting().rules().save(new AlertRule(p95.id(), p95.name(), p95.metric(), "/api/articles/recommended",
                p95.comparison(), p95.threshold(), Duration.ofMinutes(1), FOR, p95.severity(), p95.labels(),
                p95.receivers(), true), Instant.now());
        try (WebhookServer hook = new WebhookServer()) {
            alerting().receivers().save(new Receiver(null, "ops", ReceiverKind.WEBHOOK, Map.of("url", hook.url("/alerts")),
                    "example-signing-key", true), Instant.now());
            ExampleEndpoints.injectedDelayMillis = 600;
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicReference<Instant> firstSlow = new AtomicReference<>();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        try {
                            HttpResponse<Void> r = CLIENT.send(HttpRequest.newBuilder(
                                    URI.create(base + "/api/articles/recommended")).timeout(Duration.ofSeconds(20)).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            if (r.statusCode() == 200) {
                                firstSlow.compareAndSet(null, Instant.now());
                            }
                        } catch (Exception e) {
                            return;
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            try {
                Await.until("the firing message of the 500 ms rule", Duration.ofSeconds(60),
                        () -> hook.received().stream().anyMatch(m -> m.body().contains("\"status\":\"firing\"")));
            } finally {
                running.set(false);
                for (Thread t : clients) {
                    t.join();
                }
            }
            Duration endToEnd = Duration.between(firstSlow.get(), Instant.now());
            Alert alert = alerting().alerts().stream().filter(a -> a.ruleId() == p95.id()).findFirst().orElseThrow();
            assertEquals(AlertState.FIRING, alert.state());
            assertEquals("/api/articles/recommended", alert.series());
            assertTrue(alert.value() > 500, "p95 " + alert.value());
            // Pending from the first evaluation that saw the slow requests, firing at the first one after
            // `for`: at most one period later (a second of slack for an evaluation delayed by a busy machine).
            Duration pending = Duration.between(alert.activeSince(), alert.firedAt());
            assertTrue(pending.compareTo(FOR) >= 0 && pending.compareTo(FOR.plus(PERIOD).plusSeconds(1)) <= 0,
                    "pending for " + pending);
            System.out.println("ExampleAppAlertsTest: first slow answer to firing message " + endToEnd.toMillis()
                    + " ms (for " + FOR.toMillis() + " ms, period " + PERIOD.toMillis() + " ms)");
            assertEquals(1, hook.received().stream().filter(m -> m.body().contains("\"status\":\"firing\"")).count());
            assertTrue(hook.received().get(0).header("X-MonitorDash-Signature").startsWith("sha256="));
        }
    }
}
