package dev.monitordash.core.alert;

import dev.monitordash.core.record.Origin;
import dev.monitordash.core.testing.Await;
import dev.monitordash.core.testing.WebhookServer;
import dev.monitordash.core.testing.MutableClock;
import dev.monitordash.core.testing.PostgresTestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two instances sharing one real PostgreSQL database notify each alert exactly once. */
class TwoInstancesAlertTest {

    @Test
    void concurrentEvaluationsOfTwoInstancesSendOneMessagePerAlertAndTheOtherTakesOverOnClose() throws Exception {
        PostgresTestDatabase pg = PostgresTestDatabase.shared();
        String url = pg.freshUrl();
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        try (WebhookServer hook = new WebhookServer();
             AlertFixture a = new AlertFixture(pg.config(url), "node-a", clock);
             AlertFixture b = new AlertFixture(pg.config(url), "node-b", clock)) {
            a.webhook("ops", hook.url("/hook"), null);
            a.rule("slow", Metric.P95, "*", 100, Duration.ZERO);
            a.requests("/a", 20, 400, new Origin("1.0", "shop", "node-a"));
            b.requests("/b", 20, 400, new Origin("1.0", "shop", "node-b"));

            for (int round = 0; round < 5; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<Thread> threads = new ArrayList<>();
                for (AlertFixture f : List.of(a, b)) {
                    Thread t = new Thread(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        f.alerting.evaluateNow();
                    });
                    t.start();
                    threads.add(t);
                }
                go.countDown();
                for (Thread t : threads) {
                    t.join();
                }
                clock.advance(Duration.ofSeconds(5));
            }
            Await.until("a message", Duration.ofSeconds(20), () -> hook.received().size() >= 1);
            Thread.sleep(500);
            assertEquals(1, hook.received().size(), "one message for both instances");
            String body = hook.received().get(0).body();
            assertTrue(body.contains("\"series\":\"/a\"") && body.contains("\"series\":\"/b\""),
                    "the leader sees the requests of both instances: " + body);
            boolean aLeads = Boolean.TRUE.equals(a.alerting.status().get("leader"));
            assertTrue(aLeads ^ Boolean.TRUE.equals(b.alerting.status().get("leader")), "exactly one leader");

            // The leader goes away; the other takes over from the stored states: resolved, sent once.
            AlertFixture leader = aLeads ? a : b;
            AlertFixture other = aLeads ? b : a;
            leader.alerting.close();
            other.requests("/a", 3_000, 5, new Origin("1.0", "shop", "node-x"));
            other.requests("/b", 3_000, 5, new Origin("1.0", "shop", "node-x"));
            other.evaluate(Duration.ofSeconds(5));
            assertEquals(Boolean.TRUE, other.alerting.status().get("leader"));
            Await.until("the resolved message", Duration.ofSeconds(20), () -> hook.received().size() == 2);
            other.evaluate(Duration.ofSeconds(5));
            Thread.sleep(300);
            assertEquals(2, hook.received().size());
            assertTrue(hook.received().get(1).body().contains("\"status\":\"resolved\""));
        }
    }

}
