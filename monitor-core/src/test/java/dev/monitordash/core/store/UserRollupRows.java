package dev.monitordash.core.store;

import dev.monitordash.core.rollup.HourSlots;
import dev.monitordash.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What rollup_user holds, as numbers: a row's count, sum, min and max are those of its hours (HourSlots). */
final class UserRollupRows {

    private UserRollupRows() {
    }

    /** Per "endpoint day origin user": requests, summed duration, fastest and slowest. */
    static Map<String, List<Long>> of(TestDatabase db, String url) throws SQLException {
        Map<String, List<Long>> out = new TreeMap<>();
        try (Connection c = db.connect(url); PreparedStatement ps = c.prepareStatement(
                "SELECT endpoint_id, day, origin_id, user_id, hours FROM rollup_user");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                HourSlots hours = HourSlots.decode(rs.getBytes(5));
                long n = 0;
                long sum = 0;
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                for (int h = 0; h < HourSlots.HOURS; h++) {
                    if (hours.count(h) > 0) {
                        n += hours.count(h);
                        sum += hours.sum(h);
                        min = Math.min(min, hours.min(h));
                        max = Math.max(max, hours.max(h));
                    }
                }
                out.put(rs.getLong(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + " " + rs.getLong(4),
                        List.of(n, sum, min, max));
            }
        }
        return out;
    }

    /** All requests rollup_user counts. */
    static long requests(TestDatabase db, String url) throws SQLException {
        return of(db, url).values().stream().mapToLong(v -> v.get(0)).sum();
    }
}
