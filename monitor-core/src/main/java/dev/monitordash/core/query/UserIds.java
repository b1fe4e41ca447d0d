package dev.monitordash.core.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** User and client ids and names: rollups and raw rows hold ids, the API speaks names. */
final class UserIds {

    /** The rollups' group of users beyond the per-day cap (see UserRollups). */
    static final long OTHER = dev.monitordash.core.store.UserRollups.OTHER;
    /** The rollups' group of requests without a user or client address. */
    static final long NONE = dev.monitordash.core.store.UserRollups.NONE;
    /** Shown for {@link #OTHER}: a name no user can have, as user names are never blank-prefixed. */
    static final String OTHER_NAME = " other users";

    private UserIds() {
    }

    /** The id of a user name, or empty when no request ever had it. */
    static java.util.OptionalLong user(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM app_user WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.OptionalLong.of(rs.getLong(1)) : java.util.OptionalLong.empty();
            }
        }
    }

    /** Names of the given ids of app_user or client; NONE maps to null, OTHER to {@link #OTHER_NAME}. */
    static Map<Long, String> names(Connection c, Dimension d, Iterable<Long> ids) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        java.util.List<Long> wanted = new java.util.ArrayList<>();
        for (long id : ids) {
            if (id == NONE) {
                out.put(id, null);
            } else if (id == OTHER) {
                out.put(id, OTHER_NAME);
            } else {
                wanted.add(id);
            }
        }
        String table = d == Dimension.USER ? "app_user" : "client";
        String column = d == Dimension.USER ? "name" : "address";
        for (int from = 0; from < wanted.size(); from += IN_LIST) {
            java.util.List<Long> part = wanted.subList(from, Math.min(wanted.size(), from + IN_LIST));
            String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, " + column + " FROM " + table + " WHERE id IN (" + marks + ")")) {
                Reads.bind(ps, part.toArray());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
        for (long id : wanted) {
            out.putIfAbsent(id, "#" + id); // a dictionary row cannot vanish; a name all the same
        }
        return out;
    }

    /** Ids per IN list: well under SQLite's and PostgreSQL's parameter limits. */
    private static final int IN_LIST = 500;
}
