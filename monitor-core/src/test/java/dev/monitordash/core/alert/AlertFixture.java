package dev.monitordash.core.alert;

import dev.monitordash.core.alert.notify.Receiver;
import dev.monitordash.core.alert.notify.ReceiverKind;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.testing.MutableClock;
import dev.monitordash.core.testing.Records;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** A real store with alerting on it, driven by hand: a clock the test moves and evaluations it asks for. */
final class AlertFixture implements AutoCloseable {

    final MutableClock clock;
    final JdbcStore store;
    final Alerting alerting;
    final Map<Metric, Double> host = new EnumMap<>(Metric.class);

    AlertFixture(MonitorConfig.Builder config, String instance) {
        this(config, instance, new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS)));
    }

    AlertFixture(MonitorConfig.Builder config, String instance, MutableClock clock) {
        this.clock = clock;
        MonitorConfig c = config.instanceName(instance).alertsPeriod(Duration.ZERO).alertsRepeat(Duration.ofHours(1))
                .build();
        this.store = JdbcStore.open(c, clock);
        this.alerting = Alerting.start(store, c, store::loadVersions, () -> Map.copyOf(host), clock,
                Duration.ofMillis(100));
    }

    AlertRule rule(String name, Metric metric, String endpoints, double threshold, Duration forDuration) {
        return alerting.rules().save(new AlertRule(null, name, metric, endpoints, Comparison.ABOVE, threshold,
                Duration.ofMinutes(5), forDuration, Severity.WARNING, Map.of("team", "shop"), List.of(), true),
                clock.instant());
    }

    Receiver webhook(String name, String url, String signingKey) {
        return alerting.receivers().save(new Receiver(null, name, ReceiverKind.WEBHOOK, Map.of("url", url), signingKey,
                true), clock.instant());
    }

    /** {@code n} requests of the endpoint, each lasting {@code millis}, a few seconds before now. */
    void requests(String endpoint, int n, long millis) {
        requests(endpoint, n, millis, Records.ORIGIN);
    }

    void requests(String endpoint, int n, long millis, Origin origin) {
        Endpoint e = Records.endpoint(endpoint);
        long start = Records.micros(clock.instant().minusSeconds(5));
        List<RequestRecord> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(Records.get(e, start + i, millis * 1_000));
        }
        store.writeBatch(batch, origin);
    }

    void evaluate(Duration after) {
        clock.advance(after);
        alerting.evaluateNow();
    }

    @Override
    public void close() {
        alerting.close();
        store.close();
    }
}
