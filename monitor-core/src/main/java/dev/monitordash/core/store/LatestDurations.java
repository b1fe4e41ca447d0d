package dev.monitordash.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each endpoint's latest stored durations, for the percentile threshold rule at startup: per endpoint one
 * descending scan of the covering request index (endpoint_id, started_at, duration, status) with a LIMIT,
 * so the table itself is never read.
 */
final class LatestDurations {

    static final String LATEST = "SELECT duration FROM request WHERE endpoint_id = ? ORDER BY started_at DESC LIMIT ?";

    private LatestDurations() {
    }

    /**
     * Endpoint name → its latest {@code perEndpoint} durations (µs), oldest first; endpoints without
     * requests are left out.
     */
    static Map<String, long[]> load(Connection c, int perEndpoint) throws SQLException {
        Map<String, Long> endpoints = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name, id FROM endpoint");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                endpoints.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, long[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LATEST)) {
            for (Map.Entry<String, Long> e : endpoints.entrySet()) {
                ps.setLong(1, e.getValue());
                ps.setInt(2, perEndpoint);
                long[] latestFirst = new long[perEndpoint];
                int n = 0;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next() && n < perEndpoint) {
                        latestFirst[n++] = rs.getLong(1);
                    }
                }
                if (n > 0) {
                    long[] oldestFirst = new long[n];
                    for (int i = 0; i < n; i++) {
                        oldestFirst[i] = latestFirst[n - 1 - i];
                    }
                    out.put(e.getKey(), oldestFirst);
                }
            }
        }
        return out;
    }
}
