package dev.monitordash.core.query;

import dev.monitordash.core.profile.CallTree;
import dev.monitordash.core.profile.Profile;
import dev.monitordash.core.store.EpochMicros;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The profile reads of {@link JdbcDashboardQueries}: an endpoint's list, one profile, the grouped profile. */
final class ProfileQueries {

    static final String LIST = "SELECT p.id, e.name, r.started_at, p.duration, p.samples, p.period, p.truncated, "
            + "r.user_name, r.version, r.status FROM profile p JOIN request_detail r ON r.id = p.request_id "
            + "JOIN endpoint e ON e.id = p.endpoint_id WHERE e.name = ? ORDER BY p.id DESC LIMIT ?";
    static final String ONE = "SELECT e.name, p.samples, p.period, p.duration FROM profile p "
            + "JOIN endpoint e ON e.id = p.endpoint_id WHERE p.id = ?";
    static final String NODES = "SELECT parent, frame, hits FROM profile_node WHERE profile_id = ? ORDER BY position";

    private ProfileQueries() {
    }

    static List<ProfileSummary> list(Connection c, String endpoint, int limit) throws SQLException {
        List<ProfileSummary> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(LIST)) {
            ps.setString(1, endpoint);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ProfileSummary(rs.getLong(1), rs.getString(2), EpochMicros.toInstant(rs.getLong(3)),
                            rs.getLong(4) / 1_000.0, rs.getLong(5), rs.getLong(6) / 1_000.0, rs.getBoolean(7),
                            rs.getString(8), rs.getString(9), rs.getInt(10)));
                }
            }
        }
        return out;
    }

    static Optional<Profile> one(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ONE)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                CallTree tree = tree(c, id);
                tree.addSamples(rs.getLong(2));
                return Optional.of(new Profile(rs.getString(1), tree, rs.getLong(3) * 1_000, rs.getLong(4) * 1_000));
            }
        }
    }

    static GroupedProfile grouped(Connection c, String endpoint, int lastN) throws SQLException {
        CallTree merged = new CallTree();
        long period = 0;
        long duration = 0;
        int n = 0;
        for (ProfileSummary s : list(c, endpoint, lastN)) {
            Optional<Profile> p = one(c, s.id());
            if (p.isPresent()) {
                merged.merge(p.get().tree());
                period = p.get().periodNanos();
                duration += p.get().durationNanos();
                n++;
            }
        }
        return new GroupedProfile(new Profile(endpoint, merged, period, duration), n);
    }

    private static CallTree tree(Connection c, long id) throws SQLException {
        CallTree tree = new CallTree();
        List<CallTree.Node> byPosition = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(NODES)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int parent = rs.getInt(1);
                    byPosition.add(tree.addPath(parent < 0 ? null : byPosition.get(parent), rs.getString(2),
                            rs.getLong(3)));
                }
            }
        }
        return tree;
    }
}
