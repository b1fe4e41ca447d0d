package dev.monitordash.core.alert;

import dev.monitordash.core.store.EpochMicros;
import dev.monitordash.core.store.MonitorStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Rules and silences in the store (tables alert_rule, alert_silence of migration V6), shared by every
 * instance of the database. Every method may throw {@link dev.monitordash.core.store.StoreException}.
 */
public final class RuleStore {

    private static final String RULE_COLUMNS = "id, name, metric, endpoints, comparison, threshold, window_seconds, "
            + "for_seconds, severity, labels, receivers, enabled";

    private final MonitorStore store;

    RuleStore(MonitorStore store) {
        this.store = store;
    }

    public List<AlertRule> rules() {
        return store.read("alert rules", c -> {
            List<AlertRule> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + RULE_COLUMNS + " FROM alert_rule ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rule(rs).ifPresent(out::add);
                }
            }
            return out;
        });
    }

    public Optional<AlertRule> rule(long id) {
        return rules().stream().filter(r -> r.id() == id).findFirst();
    }

    /**
     * Inserts a rule without id, or replaces the one with its id.
     *
     * @throws dev.monitordash.core.alert.notify.FieldException naming {@code name} when another rule has it
     */
    public AlertRule save(AlertRule rule, Instant now) {
        return store.transaction("save alert rule " + rule.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM alert_rule WHERE name = ?")) {
                ps.setString(1, rule.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && (rule.id() == null || rs.getLong(1) != rule.id())) {
                        throw new dev.monitordash.core.alert.notify.FieldException("name",
                                "is taken by another rule: " + rule.name());
                    }
                }
            }
            if (rule.id() == null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_rule (name, metric, endpoints, "
                        + "comparison, threshold, window_seconds, for_seconds, severity, labels, receivers, enabled, "
                        + "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                    bind(ps, rule, now);
                    try (ResultSet keys = ps.executeQuery()) {
                        keys.next();
                        return rule.withId(keys.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_rule SET name = ?, metric = ?, endpoints = ?, "
                    + "comparison = ?, threshold = ?, window_seconds = ?, for_seconds = ?, severity = ?, labels = ?, "
                    + "receivers = ?, enabled = ?, updated_at = ? WHERE id = ?")) {
                bind(ps, rule, now);
                ps.setLong(13, rule.id());
                if (ps.executeUpdate() == 0) {
                    throw new java.util.NoSuchElementException("no alert rule " + rule.id());
                }
            }
            // A changed condition starts over: its old states would mix two conditions' histories.
            deleteStates(c, rule.id());
            return rule;
        });
    }

    /** Deletes the rule, its states and its silences; false when there was none. */
    public boolean delete(long id) {
        return store.transaction("delete alert rule " + id, c -> {
            deleteStates(c, id);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_silence WHERE rule_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_rule WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Inserts the ready-made rules whose names are not stored yet (by name: one an admin changed is left as it is). */
    public int addMissing(List<AlertRule> rules, Instant now) {
        List<String> names = rules().stream().map(AlertRule::name).toList();
        int added = 0;
        for (AlertRule r : rules) {
            if (!names.contains(r.name())) {
                save(r, now);
                added++;
            }
        }
        return added;
    }

    public List<Silence> silences() {
        return store.read("silences", c -> {
            List<Silence> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, rule_id, matchers, ends_at, comment, created_by, "
                    + "created_at FROM alert_silence ORDER BY ends_at DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long rule = rs.getLong(2);
                    Long ruleId = rs.wasNull() ? null : rule;
                    out.add(new Silence(rs.getLong(1), ruleId, Labels.decode(rs.getString(3)),
                            EpochMicros.toInstant(rs.getLong(4)), rs.getString(5), rs.getString(6),
                            EpochMicros.toInstant(rs.getLong(7))));
                }
            }
            return out;
        });
    }

    public Silence addSilence(Silence s) {
        return store.transaction("save a silence", c -> {
            if (s.ruleId() != null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alert_rule WHERE id = ?")) {
                    ps.setLong(1, s.ruleId());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new dev.monitordash.core.alert.notify.FieldException("ruleId", "names no rule: " + s.ruleId());
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_silence (rule_id, matchers, ends_at, "
                    + "comment, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
                if (s.ruleId() == null) {
                    ps.setNull(1, Types.BIGINT);
                } else {
                    ps.setLong(1, s.ruleId());
                }
                ps.setString(2, Labels.encode(s.matchers()));
                ps.setLong(3, EpochMicros.of(s.endsAt()));
                ps.setString(4, s.comment());
                ps.setString(5, s.createdBy());
                ps.setLong(6, EpochMicros.of(s.createdAt()));
                try (ResultSet keys = ps.executeQuery()) {
                    keys.next();
                    return new Silence(keys.getLong(1), s.ruleId(), s.matchers(), s.endsAt(), s.comment(),
                            s.createdBy(), s.createdAt());
                }
            }
        });
    }

    /** Ends a silence now (deletes it); false when there was none. */
    public boolean deleteSilence(long id) {
        return store.transaction("delete silence " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_silence WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static void deleteStates(Connection c, long ruleId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_state WHERE rule_id = ?")) {
            ps.setLong(1, ruleId);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, AlertRule r, Instant now) throws SQLException {
        ps.setString(1, r.name());
        ps.setString(2, r.metric().id());
        ps.setString(3, r.endpoints());
        ps.setString(4, r.comparison().id());
        ps.setDouble(5, r.threshold());
        ps.setLong(6, r.window().getSeconds());
        ps.setLong(7, r.forDuration().getSeconds());
        ps.setString(8, r.severity().id());
        ps.setString(9, Labels.encode(r.labels()));
        ps.setString(10, String.join("\n", r.receivers()));
        ps.setInt(11, r.enabled() ? 1 : 0);
        ps.setLong(12, EpochMicros.of(now));
    }

    /** A stored rule; one this code cannot read (a metric of a newer MonitorDash) is skipped. */
    private static Optional<AlertRule> rule(ResultSet rs) throws SQLException {
        Optional<Metric> metric = Metric.of(rs.getString(3));
        Optional<Comparison> comparison = Comparison.of(rs.getString(5));
        Optional<Severity> severity = Severity.of(rs.getString(9));
        if (metric.isEmpty() || comparison.isEmpty() || severity.isEmpty()) {
            return Optional.empty();
        }
        String receivers = rs.getString(11);
        try {
            return Optional.of(new AlertRule(rs.getLong(1), rs.getString(2), metric.get(), rs.getString(4),
                    comparison.get(), rs.getDouble(6), Duration.ofSeconds(rs.getLong(7)), Duration.ofSeconds(rs.getLong(8)),
                    severity.get(), Labels.decode(rs.getString(10)),
                    receivers == null || receivers.isEmpty() ? List.of() : Arrays.asList(receivers.split("\n")),
                    rs.getInt(12) != 0));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
