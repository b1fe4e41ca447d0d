package dev.monitordash.core.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes one exact box plot with a handful of small queries over the rows a condition selects, so that
 * no group's durations travel to Java: count, min and max in one aggregate; each quartile as the one or
 * two values at its R-7 position ({@code ORDER BY duration LIMIT 2 OFFSET k}, the database keeps only
 * k + 2 values while sorting); whiskers and the number of outliers in a second aggregate; the most extreme
 * outliers per side with a LIMIT.
 */
final class BoxPlotReader {

    /** The chart needs the shape of the tail, not ten thousand dots. */
    static final int OUTLIERS_PER_SIDE = 50;

    private final String where;

    /** @param where an SQL condition on {@code request} of our own (never user text), with ? parameters */
    BoxPlotReader(String where) {
        this.where = where;
    }

    /**
     * Groups of up to this many values in all are read in one sorted pass into memory (8 bytes a value)
     * instead of the six queries of {@link #read} per group: a version's or user's rows are not in an
     * index, so every one of those queries would read the endpoint's range from the table again.
     */
    static final long STREAM_LIMIT = 1_000_000;

    /**
     * The boxes of several groups (the values of {@code column}) of the selected rows in one sorted pass,
     * keyed by group; {@code counts} holds each wanted group's number of rows. More than
     * {@link #STREAM_LIMIT} values in all: one group after the other with {@link #read}.
     */
    Map<String, BoxPlot> readGroups(Connection c, String column, Map<String, Long> counts, Object... params)
            throws SQLException {
        Map<String, BoxPlot> out = new HashMap<>();
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        if (total > STREAM_LIMIT) {
            for (Map.Entry<String, Long> g : counts.entrySet()) {
                String name = g.getKey();
                BoxPlotReader one = new BoxPlotReader(where + " AND " + column + (name == null ? " IS NULL" : " = ?"));
                out.put(name, one.read(c, name, name == null ? params : concat(params, new Object[] {name})));
            }
            return out;
        }
        Map<String, long[]> values = new HashMap<>();
        Map<String, int[]> filled = new HashMap<>();
        counts.forEach((name, n) -> {
            values.put(name, new long[n.intValue()]);
            filled.put(name, new int[1]);
        });
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT " + column + ", duration FROM request WHERE " + where + " ORDER BY duration")) {
            ps.setFetchSize(RequestExport.FETCH_SIZE);
            Reads.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    long[] v = values.get(name);
                    if (v != null) {
                        int[] f = filled.get(name);
                        if (f[0] < v.length) {
                            v[f[0]++] = rs.getLong(2);
                        }
                    }
                }
            }
        }
        for (Map.Entry<String, long[]> g : values.entrySet()) {
            if (filled.get(g.getKey())[0] != g.getValue().length) {
                throw new SQLException("group " + g.getKey() + " has fewer durations than counted inside one snapshot");
            }
            if (g.getValue().length > 0) {
                out.put(g.getKey(), of(g.getKey(), g.getValue()));
            }
        }
        return out;
    }

    /**
     * The same box as {@link #read}, from all values sorted ascending, in thousandths of the box's unit:
     * microseconds for a box of milliseconds, 0.001 % for the CPU loads of {@link OutlierCpu}.
     */
    static BoxPlot of(String label, long[] sorted) {
        int n = sorted.length;
        double q1 = Quantiles.of(sorted, 1, 4);
        double median = Quantiles.of(sorted, 2, 4);
        double q3 = Quantiles.of(sorted, 3, 4);
        double iqr = q3 - q1;
        long low = (long) Math.ceil(q1 - 1.5 * iqr);
        long high = (long) Math.floor(q3 + 1.5 * iqr);
        int lo = 0;
        while (sorted[lo] < low) {
            lo++;
        }
        int hi = n - 1;
        while (sorted[hi] > high) {
            hi--;
        }
        List<Double> outliers = new ArrayList<>();
        for (int i = 0; i < Math.min(lo, OUTLIERS_PER_SIDE); i++) {
            outliers.add(sorted[i] / 1_000.0);
        }
        for (int i = Math.max(hi + 1, n - OUTLIERS_PER_SIDE); i < n; i++) {
            outliers.add(sorted[i] / 1_000.0);
        }
        return new BoxPlot(label, n, sorted[0] / 1_000.0, q1 / 1_000.0, median / 1_000.0, q3 / 1_000.0,
                sorted[n - 1] / 1_000.0, sorted[lo] / 1_000.0, sorted[hi] / 1_000.0, outliers, lo + (n - 1 - hi));
    }

    /** The box of the selected rows, or null when there are none. */
    BoxPlot read(Connection c, String label, Object... params) throws SQLException {
        long n;
        long min;
        long max;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*), MIN(duration), MAX(duration) FROM request WHERE " + where)) {
            Reads.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                n = rs.getLong(1);
                min = rs.getLong(2);
                max = rs.getLong(3);
            }
        }
        if (n == 0) {
            return null;
        }
        double q1 = quantile(c, n, 1, 4, params);
        double median = quantile(c, n, 2, 4, params);
        double q3 = quantile(c, n, 3, 4, params);
        double iqr = q3 - q1;
        // Durations are whole microseconds: x >= 12.5 is x >= 13, x <= 12.5 is x <= 12.
        long low = (long) Math.ceil(q1 - 1.5 * iqr);
        long high = (long) Math.floor(q3 + 1.5 * iqr);
        long lowerWhisker;
        long upperWhisker;
        long outlierCount;
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(CASE WHEN duration >= ? THEN duration END), "
                + "MAX(CASE WHEN duration <= ? THEN duration END), "
                + "SUM(CASE WHEN duration < ? OR duration > ? THEN 1 ELSE 0 END) FROM request WHERE " + where)) {
            Reads.bind(ps, concat(new Object[] {low, high, low, high}, params));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                lowerWhisker = rs.getLong(1);
                upperWhisker = rs.getLong(2);
                outlierCount = rs.getLong(3);
            }
        }
        List<Double> outliers = new ArrayList<>();
        if (outlierCount > 0) {
            outliers.addAll(tail(c, "duration < ?", "ASC", low, params));
            List<Double> upper = tail(c, "duration > ?", "DESC", high, params);
            java.util.Collections.reverse(upper);
            outliers.addAll(upper);
        }
        return new BoxPlot(label, n, min / 1_000.0, q1 / 1_000.0, median / 1_000.0, q3 / 1_000.0, max / 1_000.0,
                lowerWhisker / 1_000.0, upperWhisker / 1_000.0, outliers, outlierCount);
    }

    /** The R-7 quantile num/den of the n selected durations, in microseconds. */
    double quantile(Connection c, long n, int num, int den, Object... params) throws SQLException {
        Quantiles.Position p = Quantiles.of(n, num, den);
        long[] two = new long[2];
        int found = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT duration FROM request WHERE " + where + " ORDER BY duration LIMIT 2 OFFSET ?")) {
            Reads.bind(ps, concat(params, new Object[] {p.index()}));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && found < 2) {
                    two[found++] = rs.getLong(1);
                }
            }
        }
        if (found == 0) {
            throw new SQLException("no duration at offset " + p.index() + " of " + n + " inside one snapshot");
        }
        return p.fraction() == 0 || found == 1 ? two[0] : two[0] + p.fraction() * (two[1] - two[0]);
    }

    private List<Double> tail(Connection c, String beyond, String order, long fence, Object... params)
            throws SQLException {
        List<Double> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT duration FROM request WHERE (" + where + ") AND "
                + beyond + " ORDER BY duration " + order + " LIMIT " + OUTLIERS_PER_SIDE)) {
            Reads.bind(ps, concat(params, new Object[] {fence}));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1) / 1_000.0);
                }
            }
        }
        return out;
    }

    static Object[] concat(Object[] a, Object[] b) {
        Object[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
