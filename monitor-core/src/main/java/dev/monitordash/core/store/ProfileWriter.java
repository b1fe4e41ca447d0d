package dev.monitordash.core.store;

import dev.monitordash.core.profile.CallTree;
import dev.monitordash.core.profile.Profile;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Writes request profiles inside the batch's transaction, after their request rows, node by node in
 * pre-order; keeps the newest {@code keep} profiles of each endpoint that gained one.
 */
final class ProfileWriter {

    /** Nodes stored per profile; a deeper or wider tree is cut (and flagged as truncated). */
    static final int MAX_NODES = 20_000;

    private final int keep;
    private final Dialect dialect;

    ProfileWriter(int keep, Dialect dialect) {
        this.keep = keep;
        this.dialect = dialect;
    }

    void insert(Connection c, long requestId, long endpointId, Profile p) throws SQLException {
        List<Object[]> nodes = new ArrayList<>();
        boolean truncated = flatten(p.tree().root(), nodes);
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO profile (request_id, endpoint_id, samples, "
                + "period, duration, truncated) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            ps.setLong(1, requestId);
            ps.setLong(2, endpointId);
            ps.setLong(3, p.samples());
            ps.setLong(4, p.periodNanos() / 1_000);
            ps.setLong(5, (p.durationNanos() + 500) / 1_000);
            ps.setBoolean(6, truncated);
            ps.executeUpdate();
            id = dialect.generatedId(ps);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO profile_node (profile_id, position, parent, frame, hits) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < nodes.size(); i++) {
                Object[] n = nodes.get(i);
                ps.setLong(1, id);
                ps.setInt(2, i);
                ps.setInt(3, (Integer) n[0]);
                ps.setString(4, (String) n[1]);
                ps.setLong(5, (Long) n[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Pre-order {parent position, frame, hits}; true if nodes were left out. */
    private static boolean flatten(CallTree.Node root, List<Object[]> out) {
        Deque<Object[]> stack = new ArrayDeque<>(); // {node, parent position}
        List<CallTree.Node> top = root.children();
        for (int i = top.size() - 1; i >= 0; i--) {
            stack.push(new Object[] {top.get(i), -1});
        }
        while (!stack.isEmpty()) {
            if (out.size() == MAX_NODES) {
                return true;
            }
            Object[] e = stack.pop();
            CallTree.Node n = (CallTree.Node) e[0];
            int position = out.size();
            out.add(new Object[] {e[1], n.frame(), n.hits()});
            List<CallTree.Node> children = n.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                stack.push(new Object[] {children.get(i), position});
            }
        }
        return false;
    }

    /** Deletes all but the newest {@code keep} profiles of each endpoint, with their call-tree nodes. */
    void retain(Connection c, Set<Long> endpointIds) throws SQLException {
        Retention.retain(c, "profile", List.of("DELETE FROM profile_node WHERE profile_id = ?"), endpointIds, keep);
    }
}
