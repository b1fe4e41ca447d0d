package dev.monitordash.core.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The version of each origin id: rollups are kept per origin (version, service, instance). */
final class Origins {

    private Origins() {
    }

    static Map<Long, String> versions(Connection c) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, version FROM origin");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    /** What an origin id stands for. */
    record Origin(String version, String service, String instance) {
    }

    static Map<Long, Origin> all(Connection c) throws SQLException {
        Map<Long, Origin> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, version, service, instance FROM origin");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Origin(rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        return out;
    }

    /** Version name → first-seen epoch micros from the version table. */
    static Map<String, Long> firstSeen(Connection c) throws SQLException {
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, first_seen FROM version");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }
}
