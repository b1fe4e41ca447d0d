package dev.monitordash.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Each endpoint's latest stored durations, for the percentile threshold rule at startup: one backwards
 * walk over the newest request rows (the table is in id order, about time order), stopping when every
 * endpoint has its share or after {@link #MAX_ROWS} rows. An endpoint rarely requested may get fewer
 * values than asked; its threshold then learns the rest from new requests.
 */
final class LatestDurations {

    /** At most this many rows are read at startup, whatever the table's size. */
    static final int MAX_ROWS = 500_000;

    private LatestDurations() {
    }

    /**
     * Endpoint name → its latest {@code perEndpoint} durations (µs), oldest first; endpoints without
     * requests are left out.
     */
    static Map<String, long[]> load(Connection c, int perEndpoint) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM endpoint");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.put(rs.getLong(1), rs.getString(2));
            }
        }
        Map<Long, long[]> latestFirst = new HashMap<>();
        Map<Long, int[]> filled = new HashMap<>();
        int complete = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT endpoint_id, duration FROM request ORDER BY id DESC LIMIT " + MAX_ROWS)) {
            ps.setFetchSize(1_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (complete < names.size() && rs.next()) {
                    long endpoint = rs.getLong(1);
                    long[] values = latestFirst.computeIfAbsent(endpoint, k -> new long[perEndpoint]);
                    int[] n = filled.computeIfAbsent(endpoint, k -> new int[1]);
                    if (n[0] < perEndpoint) {
                        values[n[0]++] = rs.getLong(2);
                        if (n[0] == perEndpoint) {
                            complete++;
                        }
                    }
                }
            }
        }
        Map<String, long[]> out = new HashMap<>();
        latestFirst.forEach((endpoint, values) -> {
            String name = names.get(endpoint);
            int n = filled.get(endpoint)[0];
            if (name != null && n > 0) {
                long[] oldestFirst = new long[n];
                for (int i = 0; i < n; i++) {
                    oldestFirst[i] = values[n - 1 - i];
                }
                out.put(name, oldestFirst);
            }
        });
        return out;
    }
}
