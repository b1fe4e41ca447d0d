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
import java.util.Collection;
import java.util.List;

/**
 * Alert states (alert_state) and the evaluation lease (alert_lease). States live in the store, not in the
 * evaluator's memory, so that whichever instance holds the lease next goes on from where the last one
 * stopped: a pending alert keeps its start, a firing one is not notified again.
 */
final class AlertStates {

    static final String LEASE = "evaluator";

    private final MonitorStore store;

    AlertStates(MonitorStore store) {
        this.store = store;
    }

    /** Every stored alert (pending, firing, recently resolved), for the API. */
    List<Alert> all() {
        return store.read("alert states", c -> load(c, null));
    }

    /**
     * Takes or renews the lease for {@code holder} until now + ttl, if it is free, expired or already
     * theirs. Portable SQL: a conditional update, else an insert that does nothing when another holder's
     * row exists. On PostgreSQL a second instance's update waits for the first's row lock and then sees
     * the new holder, so only one holds it.
     */
    static boolean holdLease(Connection c, String holder, Instant now, Duration ttl) throws SQLException {
        long until = EpochMicros.of(now.plus(ttl));
        try (PreparedStatement ps = c.prepareStatement("UPDATE alert_lease SET holder = ?, expires_at = ? "
                + "WHERE name = ? AND (holder = ? OR expires_at < ?)")) {
            ps.setString(1, holder);
            ps.setLong(2, until);
            ps.setString(3, LEASE);
            ps.setString(4, holder);
            ps.setLong(5, EpochMicros.of(now));
            if (ps.executeUpdate() > 0) {
                return true;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_lease (name, holder, expires_at) "
                + "VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            ps.setString(1, LEASE);
            ps.setString(2, holder);
            ps.setLong(3, until);
            return ps.executeUpdate() > 0;
        }
    }

    /** Gives the lease up (at close), so another instance takes over at its next evaluation. */
    void releaseLease(String holder) {
        store.transaction("release the alert lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_lease WHERE name = ? AND holder = ?")) {
                ps.setString(1, LEASE);
                ps.setString(2, holder);
                return ps.executeUpdate();
            }
        });
    }

    /** The alerts of these owners (null: all). */
    static List<Alert> load(Connection c, Collection<String> owners) throws SQLException {
        List<Alert> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rule_id, series, state, value, active_since, fired_at, "
                + "resolved_at, notified_at, owner FROM alert_state ORDER BY rule_id, series");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String owner = rs.getString(9);
                if (owners != null && !owners.contains(owner)) {
                    continue;
                }
                out.add(new Alert(rs.getLong(1), rs.getString(2), AlertState.of(rs.getString(3)), rs.getDouble(4),
                        EpochMicros.toInstant(rs.getLong(5)), instant(rs, 6), instant(rs, 7), instant(rs, 8), owner));
            }
        }
        return out;
    }

    static void save(Connection c, Alert a, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert_state (rule_id, series, state, value, "
                + "active_since, fired_at, resolved_at, notified_at, owner, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (rule_id, series) DO UPDATE SET state = excluded.state, value = excluded.value, "
                + "active_since = excluded.active_since, fired_at = excluded.fired_at, resolved_at = excluded.resolved_at, "
                + "notified_at = excluded.notified_at, owner = excluded.owner, updated_at = excluded.updated_at")) {
            ps.setLong(1, a.ruleId());
            ps.setString(2, a.series());
            ps.setString(3, a.state().id());
            ps.setDouble(4, Double.isNaN(a.value()) ? 0 : a.value());
            ps.setLong(5, EpochMicros.of(a.activeSince()));
            setInstant(ps, 6, a.firedAt());
            setInstant(ps, 7, a.resolvedAt());
            setInstant(ps, 8, a.notifiedAt());
            ps.setString(9, a.owner());
            ps.setLong(10, EpochMicros.of(now));
            ps.executeUpdate();
        }
    }

    static void delete(Connection c, long ruleId, String series) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM alert_state WHERE rule_id = ? AND series = ?")) {
            ps.setLong(1, ruleId);
            ps.setString(2, series);
            ps.executeUpdate();
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : EpochMicros.toInstant(v);
    }

    private static void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, EpochMicros.of(v));
        }
    }
}
