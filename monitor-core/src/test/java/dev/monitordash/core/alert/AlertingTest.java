package dev.monitordash.core.alert;

import dev.monitordash.core.alert.notify.NotificationRecord;
import dev.monitordash.core.alert.notify.Receiver;
import dev.monitordash.core.alert.notify.ReceiverKind;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.testing.Await;
import dev.monitordash.core.testing.WebhookServer;
import dev.monitordash.core.testing.SqliteTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rules evaluated over a real SQLite store, notifying a real HTTP receiver. */
class AlertingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private TestDatabase db;
    private AlertFixture f;
    private WebhookServer hook;

    @BeforeEach
    void start() throws Exception {
        db = new SqliteTestDatabase(dir);
        f = new AlertFixture(db.config(db.freshUrl()), "node-1");
        hook = new WebhookServer();
    }

    @AfterEach
    void stop() {
        f.close();
        hook.close();
    }

    private AlertState stateOf(String series) {
        return f.alerting.alerts().stream().filter(a -> a.series().equals(series)).map(Alert::state).findFirst()
                .orElse(null);
    }

    @Test
    void slowEndpointFiresAfterItsForDurationThenResolvesWithExactlyOneMessageEach() throws Exception {
        f.webhook("ops", hook.url("/hook"), "signing-key-1");
        f.rule("p95 too slow", Metric.P95, "/api/*", 500, Duration.ofMinutes(2));
        f.requests("/api/orders", 40, 900);
        f.requests("/health", 40, 2);

        f.evaluate(Duration.ZERO);
        assertEquals(AlertState.PENDING, stateOf("/api/orders"));
        assertNull(stateOf("/health"), "not matched by the pattern");
        f.evaluate(Duration.ofSeconds(60));
        assertEquals(AlertState.PENDING, stateOf("/api/orders"), "the condition has held for 1 of 2 minutes");
        f.requests("/api/orders", 40, 900);
        f.evaluate(Duration.ofSeconds(61));
        assertEquals(AlertState.FIRING, stateOf("/api/orders"));
        Await.until("the firing message arrives", WAIT, () -> hook.received().size() == 1);

        WebhookServer.Received firing = hook.received().get(0);
        assertTrue(firing.body().contains("\"status\":\"firing\""), firing.body());
        assertTrue(firing.body().contains("\"series\":\"/api/orders\""), firing.body());
        assertTrue(firing.body().contains("\"value\":\"900ms\""), firing.body());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("signing-key-1".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertEquals("sha256=" + HexFormat.of().formatHex(mac.doFinal(firing.body().getBytes(StandardCharsets.UTF_8))),
                firing.header("X-MonitorDash-Signature"));

        f.evaluate(Duration.ofSeconds(30));
        assertEquals(AlertState.FIRING, stateOf("/api/orders"), "still firing: not sent again before the repeat interval");

        f.requests("/api/orders", 2_000, 20);
        f.evaluate(Duration.ofSeconds(30));
        assertEquals(AlertState.RESOLVED, stateOf("/api/orders"));
        Await.until("the resolved message arrives", WAIT, () -> hook.received().size() == 2);
        assertTrue(hook.received().get(1).body().contains("\"status\":\"resolved\""), hook.received().get(1).body());
        f.evaluate(Duration.ofSeconds(30));
        Thread.sleep(300);
        assertEquals(2, hook.received().size(), "exactly one firing and one resolved message");
        List<NotificationRecord> history = f.alerting.history(10);
        assertEquals(List.of("resolved", "firing"), history.stream().map(NotificationRecord::kind).toList());
        assertTrue(history.stream().allMatch(h -> h.outcome().equals("sent")));
    }

    /** Issue 11 item 4: a cause of errors never seen before (a new bug, often of a deploy) is an alert. */
    @Test
    void aNewCauseOfErrorsFiresWhileYoungerThanTheWindowAndAnOldOneNever() throws Exception {
        f.webhook("ops", hook.url("/hook"), null);
        f.rule("new bug", Metric.NEW_ERRORS, "*", 0, Duration.ZERO);
        dev.monitordash.core.endpoint.Endpoint checkout = dev.monitordash.core.testing.Records.endpoint("/checkout");
        long start = dev.monitordash.core.testing.Records.micros(f.clock.instant().minusSeconds(5));
        f.store.writeBatch(List.of(
                new RequestRecord(checkout, start, 2_000_000, "POST", 500, "ann", null, null, null,
                        new IllegalStateException("cart 17 is locked")),
                new RequestRecord(checkout, start + 1, 2_000_000, "POST", 500, "bob", null, null, null,
                        new IllegalStateException("cart 18 is locked"))), dev.monitordash.core.testing.Records.ORIGIN);

        f.evaluate(Duration.ZERO);
        List<Alert> firing = f.alerting.alerts().stream().filter(a -> a.state() == AlertState.FIRING).toList();
        assertEquals(1, firing.size(), "one cause, one alert: " + f.alerting.alerts());
        assertTrue(firing.get(0).series().startsWith("java.lang.IllegalStateException at "), firing.get(0).series());
        assertEquals(2, firing.get(0).value(), "both requests of the cause");
        Await.until("the firing message arrives", WAIT, () -> hook.received().size() == 1);
        assertTrue(hook.received().get(0).body().contains("IllegalStateException"), hook.received().get(0).body());

        // Six minutes on, the cause is older than the rule's window of five: no longer new, resolved.
        f.evaluate(Duration.ofMinutes(6));
        assertEquals(List.of(AlertState.RESOLVED), f.alerting.alerts().stream().map(Alert::state).toList());
        // The same cause again is not new.
        f.store.writeBatch(List.of(new RequestRecord(checkout, dev.monitordash.core.testing.Records.micros(
                f.clock.instant().minusSeconds(5)), 2_000_000, "POST", 500, "cy", null, null, null,
                new IllegalStateException("cart 19 is locked"))), dev.monitordash.core.testing.Records.ORIGIN);
        f.evaluate(Duration.ofSeconds(30));
        assertTrue(f.alerting.alerts().stream().noneMatch(a -> a.state() == AlertState.FIRING), f.alerting.alerts()
                .toString());
    }

    @Test
    void endpointsFiringTogetherMakeOneMessage() throws Exception {
        f.webhook("ops", hook.url("/hook"), null);
        f.rule("slow", Metric.P95, "*", 100, Duration.ZERO);
        for (String e : List.of("/a", "/b", "/c")) {
            f.requests(e, 10, 300);
        }
        f.evaluate(Duration.ZERO);
        Await.until("a message arrives", WAIT, () -> hook.received().size() == 1);
        Thread.sleep(300);
        assertEquals(1, hook.received().size());
        String body = hook.received().get(0).body();
        for (String e : List.of("/a", "/b", "/c")) {
            assertTrue(body.contains("\"series\":\"" + e + "\""), body);
        }
        assertNull(hook.received().get(0).header("X-MonitorDash-Signature"), "no signing key, no signature");
    }

    @Test
    void silenceMutesARuleUntilItEndsThenTheStillFiringAlertIsNotified() throws Exception {
        f.webhook("ops", hook.url("/hook"), null);
        AlertRule rule = f.rule("slow", Metric.P95, "*", 100, Duration.ZERO);
        f.alerting.rules().addSilence(new Silence(null, rule.id(), Map.of(), f.clock.instant().plusSeconds(600),
                "deploying", "admin", f.clock.instant()));
        f.requests("/a", 10, 300);
        f.evaluate(Duration.ZERO);
        assertEquals(AlertState.FIRING, stateOf("/a"), "silences mute messages, not evaluation");
        f.requests("/a", 10, 300);
        f.evaluate(Duration.ofSeconds(120));
        Thread.sleep(300);
        assertEquals(0, hook.received().size());
        f.clock.advance(Duration.ofSeconds(600));
        f.requests("/a", 10, 300);
        f.evaluate(Duration.ZERO);
        Await.until("the message after the silence", WAIT, () -> hook.received().size() == 1);
    }

    @Test
    void silenceByLabelsMutesEveryRuleCarryingThem() throws Exception {
        f.webhook("ops", hook.url("/hook"), null);
        f.rule("slow", Metric.P95, "*", 100, Duration.ZERO);
        f.alerting.rules().addSilence(new Silence(null, null, Map.of("team", "shop"), f.clock.instant().plusSeconds(600),
                "", "admin", f.clock.instant()));
        f.requests("/a", 10, 300);
        f.evaluate(Duration.ZERO);
        Thread.sleep(300);
        assertEquals(0, hook.received().size());
    }

    @Test
    void failingReceiverIsRetriedAndGetsOnlyTheNewestMessageOfTheRuleOnceBack() throws Exception {
        hook.answer(500);
        f.webhook("ops", hook.url("/hook"), null);
        f.rule("slow", Metric.P95, "*", 100, Duration.ZERO);
        f.requests("/a", 10, 300);
        f.evaluate(Duration.ZERO);
        Await.until("the first attempt fails", WAIT, () -> failures() == 1);
        f.clock.advance(Duration.ofSeconds(1)); // the retry is due after the first backoff
        Await.until("the retry fails too", WAIT, () -> failures() == 2);
        f.requests("/a", 2_000, 10);
        f.evaluate(Duration.ofSeconds(60)); // resolves while the receiver is down
        hook.answer(200);
        f.clock.advance(Duration.ofSeconds(10));
        Await.until("the receiver got the backlog", WAIT, () -> hook.received().size() == 1);
        f.clock.advance(Duration.ofSeconds(30));
        Thread.sleep(500);
        assertEquals(1, hook.received().size(), "deduplicated: the rule's newest message only");
        assertTrue(hook.received().get(0).body().contains("\"status\":\"resolved\""));
        assertTrue(f.alerting.history(50).stream().anyMatch(h -> h.outcome().equals("failed")
                && h.error().contains("HTTP 500")));
    }

    private long failures() {
        return f.alerting.history(50).stream().filter(h -> h.outcome().equals("failed")).count();
    }

    @Test
    void hangingReceiverNeverDelaysTheOthers() throws Exception {
        try (WebhookServer hanging = new WebhookServer()) {
            hanging.hang();
            f.webhook("hangs", hanging.url("/hook"), null);
            f.webhook("works", hook.url("/hook"), null);
            f.rule("slow", Metric.P95, "*", 100, Duration.ZERO);
            f.requests("/a", 10, 300);
            long start = System.nanoTime();
            f.evaluate(Duration.ZERO);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "evaluation does not wait for receivers");
            Await.until("the working receiver is notified", Duration.ofSeconds(5), () -> hook.received().size() == 1);
        }
    }

    @Test
    void resourceRuleFiresForThisInstancesHost() {
        f.host.put(Metric.CPU, 93.5);
        f.alerting.rules().save(new AlertRule(null, "cpu", Metric.CPU, null, Comparison.ABOVE, 80, Duration.ofMinutes(1),
                Duration.ZERO, Severity.CRITICAL, Map.of(), List.of(), true), f.clock.instant());
        f.evaluate(Duration.ZERO);
        Alert a = f.alerting.alerts().get(0);
        assertEquals("node-1", a.series());
        assertEquals(AlertState.FIRING, a.state());
        assertEquals(93.5, a.value());
        f.host.remove(Metric.CPU);
        f.evaluate(Duration.ofSeconds(30));
        assertEquals(AlertState.RESOLVED, f.alerting.alerts().get(0).state(), "no reading: the condition does not hold");
    }

    @Test
    void receiverSecretIsKeptWhenAnUpdateLeavesItOutAndSlackGetsItsFormat() {
        Receiver signed = f.webhook("ops", hook.url("/hook"), "signing-key-1");
        f.alerting.receivers().save(new Receiver(signed.id(), "ops-renamed", ReceiverKind.WEBHOOK,
                Map.of("url", hook.url("/hook")), null, true), f.clock.instant());
        assertEquals("signing-key-1", f.alerting.receivers().receiver(signed.id()).orElseThrow().secret());
        assertNull(f.alerting.sendTest(signed.id()));
        assertNotNull(hook.received().get(0).header("X-MonitorDash-Signature"));

        Receiver slack = f.alerting.receivers().save(new Receiver(null, "slack", ReceiverKind.SLACK, Map.of(),
                hook.url("/slack"), true), f.clock.instant());
        assertNull(f.alerting.sendTest(slack.id()));
        assertEquals(2, hook.received().size());
        assertTrue(hook.received().get(1).body().startsWith("{\"text\":\"*[TEST]"), hook.received().get(1).body());
        assertEquals(List.of("test", "test"), f.alerting.history(10).stream().map(NotificationRecord::kind).toList());
    }

    @Test
    void storeOutagePausesEvaluationAndSaysSo() throws Exception {
        try (TestDatabase.Outage outage = db.unreachable();
             AlertFixture down = new AlertFixture(db.config(outage.url()), "node-2")) {
            down.alerting.evaluateNow();
            Object paused = down.alerting.status().get("paused");
            assertNotNull(paused);
            assertTrue(paused.toString().contains("store"), paused.toString());
            outage.bringUp();
            Await.until("evaluation resumes", WAIT, () -> {
                down.alerting.evaluateNow();
                return down.alerting.status().get("paused") == null;
            });
            assertNotNull(down.alerting.status().get("lastEvaluation"));
        }
    }

    @Test
    void versionSlowdownRuleFiresOnTheReportsSignificantlySlowerEndpoint() throws Exception {
        dev.monitordash.core.record.Origin v1 = new dev.monitordash.core.record.Origin("1.0", "shop", "node-1");
        dev.monitordash.core.record.Origin v2 = new dev.monitordash.core.record.Origin("1.1", "shop", "node-1");
        Instant now = f.clock.instant();
        f.store.saveVersion(new dev.monitordash.core.version.VersionInfo("1.0", null, List.of(), null, dev.monitordash.core.version.VersionInfo.Source.CONFIGURED), now.minusSeconds(7200));
        f.store.saveVersion(new dev.monitordash.core.version.VersionInfo("1.1", null, List.of(), null, dev.monitordash.core.version.VersionInfo.Source.CONFIGURED), now.minusSeconds(3600));
        f.requests("/search", 200, 100, v1);
        f.requests("/search", 200, 180, v2);
        f.requests("/home", 200, 50, v1);
        f.requests("/home", 200, 50, v2);
        f.alerting.rules().save(new AlertRule(null, "slower", Metric.VERSION_SLOWDOWN, "*", Comparison.ABOVE, 20,
                Duration.ofMinutes(5), Duration.ZERO, Severity.WARNING, Map.of(), List.of(), true), now);
        f.evaluate(Duration.ZERO);
        List<Alert> alerts = f.alerting.alerts();
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals("/search (1.0 → 1.1)", alerts.get(0).series());
        assertEquals(AlertState.FIRING, alerts.get(0).state());
        assertEquals(80, alerts.get(0).value(), 3);
    }
}
