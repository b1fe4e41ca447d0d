package dev.monitordash.core.alert.notify;

import dev.monitordash.core.store.EpochMicros;
import dev.monitordash.core.store.MonitorStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Receivers (alert_receiver) and the notification history (alert_notification) in the store. Secrets are
 * stored as given (the database is as sensitive as the application's own); the API never returns them.
 */
public final class ReceiverStore {

    private final MonitorStore store;

    public ReceiverStore(MonitorStore store) {
        this.store = store;
    }

    public List<Receiver> receivers() {
        return store.read("alert receivers", c -> {
            List<Receiver> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, kind, settings, secret, enabled "
                    + "FROM alert_receiver ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<ReceiverKind> kind = ReceiverKind.of(rs.getString(3));
                    if (kind.isEmpty()) {
                        continue; // a kind of a newer MonitorDash
                    }
                    try {
                        out.add(new Receiver(rs.getLong(1), rs.getString(2), kind.get(), decode(rs.getString(4)),
                                rs.getString(5), rs.getInt(6) != 0));
                    } catch (FieldException unreadable) {
                        // written by hand into the table: left out rather than failing every evaluation
                    }
                }
            }
            return out;
        });
    }

    public Optional<Receiver> receiver(long id) {
        return receivers().stream().filter(r -> r.id() == id).findFirst();
    }

    /**
     * Inserts a receiver without id, or updates the one with its id; an update without a secret keeps the
     * stored secret (the page never has it to send back).
     */
    public Receiver save(Receiver r, Instant now) {
        if (r.kind() == ReceiverKind.EMAIL) {
            EmailSupport.require();
        }
        return store.transaction("save receiver " + r.name(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM alert_receiver WHERE name = ?")) {
                ps.setString(1, r.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && (r.id() == null || rs.getLong(1) != r.id())) {
                        throw new FieldException("name", "is taken by another receiver: " + r.name());
                    }
                }
            }
            if (r.id() == null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_receiver (name, kind, settings, secret, "
                        + "enabled, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
                    ps.setString(1, r.name());
                    ps.setString(2, r.kind().id());
                    ps.setString(3, encode(r.settings()));
                    setText(ps, 4, r.secret());
                    ps.setInt(5, r.enabled() ? 1 : 0);
                    ps.setLong(6, EpochMicros.of(now));
                    try (ResultSet keys = ps.executeQuery()) {
                        keys.next();
                        return r.withId(keys.getLong(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert_receiver SET name = ?, kind = ?, settings = ?, "
                    + "secret = COALESCE(?, secret), enabled = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, r.name());
                ps.setString(2, r.kind().id());
                ps.setString(3, encode(r.settings()));
                setText(ps, 4, r.secret());
                ps.setInt(5, r.enabled() ? 1 : 0);
                ps.setLong(6, EpochMicros.of(now));
                ps.setLong(7, r.id());
                if (ps.executeUpdate() == 0) {
                    throw new java.util.NoSuchElementException("no receiver " + r.id());
                }
            }
            return r;
        });
    }

    public boolean delete(long id) {
        return store.transaction("delete receiver " + id, c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_receiver WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Appends to the history. */
    public void record(Instant at, String receiver, Message m, String outcome, int attempt, String error) {
        store.transaction("record a notification", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_notification (at, receiver, rule_id, "
                    + "rule_name, kind, alerts, outcome, attempt, error, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, EpochMicros.of(at));
                ps.setString(2, receiver);
                if (m.ruleId() > 0) {
                    ps.setLong(3, m.ruleId());
                } else {
                    ps.setNull(3, Types.BIGINT);
                }
                ps.setString(4, m.rule());
                ps.setString(5, m.status());
                ps.setInt(6, m.alerts().size());
                ps.setString(7, outcome);
                ps.setInt(8, attempt);
                setText(ps, 9, error == null ? null : error.length() > 1_000 ? error.substring(0, 1_000) : error);
                ps.setString(10, m.title());
                return ps.executeUpdate();
            }
        });
    }

    /** The newest {@code limit} entries, newest first. */
    public List<NotificationRecord> history(int limit) {
        return store.read("the notification history", c -> {
            List<NotificationRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, at, receiver, rule_id, rule_name, kind, alerts, "
                    + "outcome, attempt, error, summary FROM alert_notification ORDER BY at DESC, id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long rule = rs.getLong(4);
                        Long ruleId = rs.wasNull() ? null : rule;
                        out.add(new NotificationRecord(rs.getLong(1), EpochMicros.toInstant(rs.getLong(2)),
                                rs.getString(3), ruleId, rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8),
                                rs.getInt(9), rs.getString(10), rs.getString(11)));
                    }
                }
            }
            return out;
        });
    }

    private static void setText(PreparedStatement ps, int i, String v) throws java.sql.SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    static String encode(Map<String, String> settings) {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\n", " ")).append('\n'));
        return sb.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }
}
