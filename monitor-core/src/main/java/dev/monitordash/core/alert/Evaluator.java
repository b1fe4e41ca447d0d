package dev.monitordash.core.alert;

import dev.monitordash.core.alert.notify.Dispatcher;
import dev.monitordash.core.alert.notify.Message;
import dev.monitordash.core.alert.notify.Receiver;
import dev.monitordash.core.alert.notify.ReceiverStore;
import dev.monitordash.core.error.ErrorGroups;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One evaluation of every enabled rule: compute each series' value, move its alert through
 * {@link Transitions}, store the states and hand grouped messages to the {@link Dispatcher}.
 *
 * <p>Who evaluates what: resource rules on every instance, each for its own host (series = instance name);
 * request and version rules only on the instance holding the lease, so with several instances on one
 * database each alert is evaluated, and notified, exactly once. The lease is renewed in the same
 * transaction that reads and writes the states (on PostgreSQL that locks the lease row), so two instances
 * can never both act on one alert even when a lease expires mid-evaluation.
 *
 * <p>A store that cannot be read or written pauses the evaluation: nothing is changed and nothing sent
 * (no "resolved" because the data vanished), and the status says why until the store answers again.
 */
final class Evaluator {

    private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);
    private static final long LOG_EVERY_NANOS = Duration.ofMinutes(1).toNanos();

    /** What the status line and the API say about evaluation on this instance. */
    record Status(Instant lastEvaluation, boolean leader, String paused, int rules, int firing) {
    }

    private final MonitorStore store;
    private final RuleStore rules;
    private final ReceiverStore receivers;
    private final RequestWindow window;
    private final ResourceReadings resources;
    private final ErrorGroups errors;
    private final VersionRegressions versions;
    private final Dispatcher dispatcher;
    private final String instance;
    private final String service;
    private final Duration leaseTtl;
    private final Duration repeat;
    private final Clock clock;
    private volatile Status status = new Status(null, false, null, 0, 0);
    private long lastFailureLog;

    Evaluator(MonitorStore store, RuleStore rules, ReceiverStore receivers, RequestWindow window,
            ResourceReadings resources, VersionRegressions versions, Dispatcher dispatcher, String instance,
            String service, Duration period, Duration repeat, Clock clock) {
        this.store = store;
        this.errors = store.errors();
        this.rules = rules;
        this.receivers = receivers;
        this.window = window;
        this.resources = resources;
        this.versions = versions;
        this.dispatcher = dispatcher;
        this.instance = instance;
        this.service = service;
        // Three missed periods (a long pause, a dead instance) and another instance takes over.
        this.leaseTtl = period.multipliedBy(3).compareTo(Duration.ofSeconds(10)) < 0 ? Duration.ofSeconds(10)
                : period.multipliedBy(3);
        this.repeat = repeat;
        this.clock = clock;
    }

    Status status() {
        return status;
    }

    /** Evaluates once; never throws (a failure pauses, see the class comment). */
    void evaluate() {
        Instant now = clock.instant();
        try {
            evaluate(now);
        } catch (StoreException e) {
            Status s = status;
            status = new Status(s.lastEvaluation(), false, "the store is not reachable: " + e.getMessage(), s.rules(), s.firing());
            long t = System.nanoTime();
            if (lastFailureLog == 0 || t - lastFailureLog > LOG_EVERY_NANOS) {
                lastFailureLog = t;
                LOG.warn("MonitorDash paused alert evaluation (no alert changes, no notifications) until the store"
                        + " answers again: {}", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.error("MonitorDash alert evaluation failed", e);
            Status s = status;
            status = new Status(s.lastEvaluation(), false, "evaluation failed: " + e, s.rules(), s.firing());
        }
    }

    private void evaluate(Instant now) {
        List<AlertRule> enabled = rules.rules().stream().filter(AlertRule::enabled).toList();
        List<Silence> silences = rules.silences().stream().filter(s -> s.activeAt(now)).toList();
        List<Receiver> targets = receivers.receivers().stream().filter(Receiver::enabled).toList();
        boolean leader = store.transaction("hold the alert lease",
                c -> AlertStates.holdLease(c, instance, now, leaseTtl));
        Map<Long, Map<String, Double>> observed = observe(enabled, leader, now);
        Map<Long, AlertRule> byId = new HashMap<>();
        enabled.forEach(r -> byId.put(r.id(), r));

        record Outcome(boolean leader, List<Message> messages, int firing) {
        }
        Outcome outcome = store.transaction("evaluate the alert rules", c -> {
            boolean stillLeader = leader && AlertStates.holdLease(c, instance, now, leaseTtl);
            Set<String> owners = stillLeader ? Set.of(Alert.ANY_INSTANCE, instance) : Set.of(instance);
            Map<String, Alert> before = new LinkedHashMap<>();
            for (Alert a : AlertStates.load(c, owners)) {
                before.put(key(a.ruleId(), a.series()), a);
            }
            Map<Long, List<Message.Item>> due = new TreeMap<>();
            int firing = 0;
            for (AlertRule rule : enabled) {
                boolean resource = rule.metric().source() == Metric.Source.RESOURCE;
                if (!resource && !stillLeader) {
                    continue;
                }
                String owner = resource ? instance : Alert.ANY_INSTANCE;
                Map<String, Double> values = new TreeMap<>(observed.getOrDefault(rule.id(), Map.of()));
                before.values().stream().filter(a -> a.ruleId() == rule.id() && a.owner().equals(owner))
                        .forEach(a -> values.putIfAbsent(a.series(), null));
                for (Map.Entry<String, Double> e : values.entrySet()) {
                    Alert old = before.remove(key(rule.id(), e.getKey()));
                    Alert now2 = Transitions.next(old, rule, e.getKey(), owner, e.getValue(), now);
                    now2 = notify(rule, old, now2, silences, now, due);
                    if (now2 == null) {
                        if (old != null) {
                            AlertStates.delete(c, rule.id(), e.getKey());
                        }
                    } else {
                        if (now2.state() == AlertState.FIRING) {
                            firing++;
                        }
                        if (!now2.equals(old)) {
                            AlertStates.save(c, now2, now);
                        }
                    }
                }
            }
            // Alerts of rules deleted or disabled since: they end without a message.
            for (Alert gone : before.values()) {
                if (!byId.containsKey(gone.ruleId())) {
                    AlertStates.delete(c, gone.ruleId(), gone.series());
                }
            }
            List<Message> messages = new ArrayList<>();
            due.forEach((ruleId, items) -> messages.add(message(byId.get(ruleId), items, now)));
            return new Outcome(stillLeader, messages, firing);
        });
        for (Message m : outcome.messages()) {
            AlertRule rule = byId.get(m.ruleId());
            List<Receiver> to = rule.receivers().isEmpty() ? targets
                    : targets.stream().filter(r -> rule.receivers().contains(r.name())).toList();
            dispatcher.dispatch(m, to);
        }
        status = new Status(now, outcome.leader(), null, enabled.size(), outcome.firing());
        lastFailureLog = 0;
    }

    /** Each rule's value per series; request and version rules only for the leader. */
    private Map<Long, Map<String, Double>> observe(List<AlertRule> enabled, boolean leader, Instant now) {
        Map<Long, Map<String, Double>> out = new HashMap<>();
        Map<Duration, Map<Metric, Double>> host = new HashMap<>();
        RequestWindow.Snapshot requests = null;
        List<VersionRegressions.Slowdown> slower = null;
        for (AlertRule rule : enabled) {
            Map<String, Double> values = new HashMap<>();
            switch (rule.metric().source()) {
                case RESOURCE -> values.put(instance,
                        host.computeIfAbsent(rule.window(), resources::read).get(rule.metric()));
                case REQUESTS -> {
                    if (!leader) {
                        continue;
                    }
                    if (requests == null) {
                        requests = window.read(now, longestWindow(enabled),
                                enabled.stream().anyMatch(r -> r.metric() == Metric.OUTLIERS));
                    }
                    EndpointPattern pattern = new EndpointPattern(rule.endpoints());
                    for (String endpoint : requests.endpoints()) {
                        if (pattern.matches(endpoint)) {
                            Double v = requests.value(rule.metric(), endpoint, now, rule.window());
                            if (v != null) {
                                values.put(endpoint, round(v));
                            }
                        }
                    }
                }
                case ERRORS -> {
                    if (!leader) {
                        continue;
                    }
                    // One alert per new cause: it fires while the cause is younger than the window.
                    for (ErrorGroups.FirstSeen f : errors.firstSeenSince(now.minus(rule.window()))) {
                        values.put(f.exception() + " at " + f.frame() + " (" + f.version() + ")",
                                (double) f.occurrencesInVersion());
                    }
                }
                case VERSION -> {
                    if (!leader) {
                        continue;
                    }
                    if (slower == null) {
                        slower = versions.slowerEndpoints();
                    }
                    EndpointPattern pattern = new EndpointPattern(rule.endpoints());
                    for (VersionRegressions.Slowdown s : slower) {
                        if (pattern.matches(s.endpoint())) {
                            values.put(s.endpoint() + " (" + s.baseline() + " → " + s.version() + ")", s.percent());
                        }
                    }
                }
            }
            out.put(rule.id(), values);
        }
        return out;
    }

    private static Duration longestWindow(List<AlertRule> enabled) {
        return enabled.stream().filter(r -> r.metric().source() == Metric.Source.REQUESTS).map(AlertRule::window)
                .max(Duration::compareTo).orElse(AlertRule.MIN_WINDOW);
    }

    /**
     * Adds the alert to its rule's message when it is due one: it fired and was never notified (or a silence
     * kept it from being), or {@code repeat} has passed since, or it resolved after a firing message.
     * Returns the alert, marked notified when it was added as firing.
     */
    private Alert notify(AlertRule rule, Alert before, Alert after, List<Silence> silences, Instant now,
            Map<Long, List<Message.Item>> due) {
        if (after == null) {
            return null;
        }
        boolean firingDue = after.state() == AlertState.FIRING
                && (after.notifiedAt() == null || !after.notifiedAt().plus(repeat).isAfter(now));
        boolean resolvedDue = after.state() == AlertState.RESOLVED && before != null
                && before.state() == AlertState.FIRING && before.notifiedAt() != null;
        if (!firingDue && !resolvedDue) {
            return after;
        }
        Map<String, String> labels = new HashMap<>(rule.labels());
        labels.put("rule", rule.name());
        labels.put("series", after.series());
        labels.put("severity", rule.severity().id());
        if (silences.stream().anyMatch(s -> s.mutes(rule.id(), labels))) {
            return after;
        }
        due.computeIfAbsent(rule.id(), k -> new ArrayList<>()).add(new Message.Item(after.series(), after.state().id(),
                Threshold.format(after.value(), rule.metric().unit()), after.activeSince(), after.firedAt(),
                after.resolvedAt()));
        return firingDue ? after.notified(now) : after;
    }

    private Message message(AlertRule rule, List<Message.Item> items, Instant now) {
        boolean anyFiring = items.stream().anyMatch(i -> i.status().equals("firing"));
        return new Message(anyFiring ? "firing" : "resolved", rule.id(), rule.name(), rule.condition(),
                rule.severity().id(), rule.labels(), items, now, service, instance);
    }

    private static String key(long rule, String series) {
        return rule + "\u0000" + series;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
