package dev.monitordash.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the newest {@code keep} rows per endpoint of a capture table (outliers, profiles) and deletes the
 * rest with their child rows, inside the writer's batch transaction.
 */
final class Retention {

    private Retention() {
    }

    /**
     * @param table       the capture table, with {@code id} and {@code endpoint_id} columns
     * @param childDeletes DELETE statements of child rows taking the capture's id, run before the capture's
     */
    static void retain(Connection c, String table, List<String> childDeletes, Set<Long> endpointIds, int keep)
            throws SQLException {
        List<Long> old = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM " + table + " WHERE endpoint_id = ? ORDER BY id DESC")) {
            for (long endpointId : endpointIds) {
                ps.setLong(1, endpointId);
                try (ResultSet rs = ps.executeQuery()) {
                    int n = 0;
                    while (rs.next()) {
                        if (++n > keep) {
                            old.add(rs.getLong(1));
                        }
                    }
                }
            }
        }
        if (old.isEmpty()) {
            return;
        }
        for (String sql : childDeletes) {
            deleteAll(c, sql, old);
        }
        deleteAll(c, "DELETE FROM " + table + " WHERE id = ?", old);
    }

    private static void deleteAll(Connection c, String sql, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (long id : ids) {
                ps.setLong(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
