package dev.monitordash.core.alert;

import dev.monitordash.core.alert.notify.Dispatcher;
import dev.monitordash.core.alert.notify.FieldException;
import dev.monitordash.core.alert.notify.Message;
import dev.monitordash.core.alert.notify.NotificationRecord;
import dev.monitordash.core.alert.notify.Receiver;
import dev.monitordash.core.alert.notify.ReceiverStore;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.report.ReportSettings;
import dev.monitordash.core.report.VersionReports;
import dev.monitordash.core.resource.ResourceSeries;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.store.SqliteLocation;
import dev.monitordash.core.store.StoreException;
import dev.monitordash.core.store.StoredVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Alert rules, their evaluation and notifications for one monitor (docs/alerts.md): the rules, silences
 * and receivers stored in the monitor's database, one background thread that evaluates every
 * {@code monitordash.alerts.period}, and the dispatcher's worker threads (one per receiver). The JSON API
 * and the Alerts page work through this object.
 */
public final class Alerting implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Alerting.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);

    private final RuleStore rules;
    private final ReceiverStore receivers;
    private final AlertStates states;
    private final Dispatcher dispatcher;
    private final Evaluator evaluator;
    private final Clock clock;
    private final String instance;
    private final String service;
    private final ScheduledExecutorService thread; // null: no evaluation on this instance
    private volatile boolean readyMadeWanted;

    private Alerting(MonitorStore store, MonitorConfig config, Supplier<List<StoredVersion>> versions,
            ResourceReadings resources, Clock clock, Duration firstRetry) {
        this.clock = clock;
        this.instance = config.instanceName();
        this.service = config.serviceName();
        this.rules = new RuleStore(store);
        this.receivers = new ReceiverStore(store);
        this.states = new AlertStates(store);
        this.dispatcher = new Dispatcher(receivers, clock, firstRetry, MAX_RETRY);
        Duration period = config.alertsPeriod();
        this.evaluator = new Evaluator(store, rules, receivers, new RequestWindow(store), resources,
                new ReportRegressions(new VersionReports(() -> store.queries().analytics(),
                        ReportSettings.of(config), clock), versions, clock), dispatcher, instance, service,
                period.isZero() ? Duration.ofSeconds(30) : period, config.alertsRepeat(), clock);
        if (period.isZero()) {
            thread = null;
        } else {
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "monitordash-alerts");
                t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts alerting on the monitor's store: the evaluation thread unless {@code monitordash.alerts.period}
     * is 0. Nothing touches the database here; the first evaluation does, after one period.
     */
    public static Alerting start(MonitorStore store, MonitorConfig config, Supplier<List<StoredVersion>> versions,
            ResourceSeries resources) {
        Path disk = SqliteLocation.fileOf(config.databaseUrl()).orElse(Path.of("."));
        return new Alerting(store, config, versions,
                new SampledResources(resources, new HostResources(disk), Clock.systemUTC()), Clock.systemUTC(),
                FIRST_RETRY);
    }

    /** With given resource readings, clock and first retry delay (tests). */
    public static Alerting start(MonitorStore store, MonitorConfig config, Supplier<List<StoredVersion>> versions,
            ResourceReadings resources, Clock clock, Duration firstRetry) {
        return new Alerting(store, config, versions, resources, clock, firstRetry);
    }

    private void tick() {
        if (readyMadeWanted) {
            try {
                int added = rules.addMissing(ReadyMadeRules.all(), clock.instant());
                readyMadeWanted = false;
                if (added > 0) {
                    LOG.info("MonitorDash added {} ready-made alert rules (docs/alerts.md)", added);
                }
            } catch (StoreException e) {
                return; // the evaluation below would pause too; tried again next period
            }
        }
        evaluator.evaluate();
    }

    /**
     * Adds the ready-made rules ({@link ReadyMadeRules}) whose names are not stored yet, on the evaluation
     * thread before its next evaluation (so a store not reachable yet never fails the caller).
     */
    public void addReadyMadeRules() {
        readyMadeWanted = true;
    }

    /** Evaluates now, on the caller's thread (tests, and instances with evaluation off that want one). */
    public void evaluateNow() {
        tick();
    }

    public RuleStore rules() {
        return rules;
    }

    public ReceiverStore receivers() {
        return receivers;
    }

    /** Every pending, firing and recently resolved alert of the database. */
    public List<Alert> alerts() {
        return states.all();
    }

    public List<NotificationRecord> history(int limit) {
        return receivers.history(limit);
    }

    /** Whether this instance evaluates, when it last did, whether it holds the lease, and why it paused. */
    public Map<String, Object> status() {
        Evaluator.Status s = evaluator.status();
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("evaluating", thread != null);
        out.put("instance", instance);
        out.put("lastEvaluation", s.lastEvaluation());
        out.put("leader", s.leader());
        out.put("paused", s.paused());
        out.put("rules", s.rules());
        out.put("firing", s.firing());
        out.put("backlog", dispatcher.backlog());
        return out;
    }

    /**
     * Sends a test message to the stored receiver now and records it in the history.
     *
     * @return the error, or null when it was sent
     * @throws FieldException naming {@code id} for an unknown receiver
     */
    public String sendTest(long receiverId) {
        Receiver r = receivers.receiver(receiverId)
                .orElseThrow(() -> new FieldException("id", "names no receiver: " + receiverId));
        Message m = new Message("test", 0, "Test message from MonitorDash", "a test of receiver " + r.name(), "info",
                Map.of(), List.of(new Message.Item("test", "test", "-", clock.instant(), null, null)), clock.instant(),
                service, instance);
        return dispatcher.sendTest(r, m);
    }

    /** Stops evaluating and sending; gives the lease up so another instance takes over at once. */
    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(Duration.ofSeconds(15).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (Boolean.TRUE.equals(status().get("leader"))) {
            try {
                states.releaseLease(instance);
            } catch (StoreException | UnsupportedOperationException e) {
                // expires by itself within three periods
            }
        }
        dispatcher.close();
    }
}
