package dev.monitordash.core.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The regression report: for every endpoint, median and p90 before and after (exact, R-7), a Mann-Whitney
 * test of the shift and the status classes on both sides. The test's samples are systematic: every k-th
 * request in time order, k chosen so that at most {@link #SAMPLE_PER_SIDE} are taken, so that a sample
 * spans the whole side (all hours of the day) instead of its last minutes.
 */
final class ReportQueries {

    static final int SAMPLE_PER_SIDE = Report.SAMPLE_PER_SIDE;
    static final double ALPHA = Report.ALPHA;

    private final Reads reads;

    ReportQueries(Reads reads) {
        this.reads = reads;
    }

    Report compare(Report.Side before, Report.Side after) {
        return reads.read("the report", c -> {
            Map<String, Long> endpoints = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, id FROM endpoint ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    endpoints.put(rs.getString(1), rs.getLong(2));
                }
            }
            List<Report.EndpointChange> all = new ArrayList<>();
            for (Map.Entry<String, Long> e : endpoints.entrySet()) {
                Report.EndpointChange change = change(c, e.getKey(), e.getValue(), before, after);
                if (change != null) {
                    all.add(change);
                }
            }
            Comparator<Report.EndpointChange> byEffect = Comparator.comparingDouble(ch -> -Math.abs(ch.test().effect()));
            List<Report.EndpointChange> slower = all.stream()
                    .filter(ch -> ch.significant() && ch.test().effect() > 0).sorted(byEffect).toList();
            List<Report.EndpointChange> faster = all.stream()
                    .filter(ch -> ch.significant() && ch.test().effect() < 0).sorted(byEffect).toList();
            return new Report(before, after, all, slower, faster);
        });
    }

    private static Report.EndpointChange change(Connection c, String name, long id, Report.Side before,
            Report.Side after) throws SQLException {
        Object[] pb = params(id, before);
        Object[] pa = params(id, after);
        BoxPlotReader rb = new BoxPlotReader(where(before));
        BoxPlotReader ra = new BoxPlotReader(where(after));
        Map<String, Long> statusBefore = statusClasses(c, where(before), pb);
        Map<String, Long> statusAfter = statusClasses(c, where(after), pa);
        long nb = statusBefore.values().stream().mapToLong(Long::longValue).sum();
        long na = statusAfter.values().stream().mapToLong(Long::longValue).sum();
        if (nb == 0 || na == 0) {
            return null;
        }
        MannWhitney.Result test = MannWhitney.test(sample(c, where(before), pb, nb), sample(c, where(after), pa, na));
        return new Report.EndpointChange(name, nb, na,
                rb.quantile(c, nb, 1, 2, pb) / 1_000.0, ra.quantile(c, na, 1, 2, pa) / 1_000.0,
                rb.quantile(c, nb, 9, 10, pb) / 1_000.0, ra.quantile(c, na, 9, 10, pa) / 1_000.0,
                statusBefore, statusAfter, test, test.p() < ALPHA);
    }

    private static String where(Report.Side side) {
        return DistributionQueries.IN_RANGE + (side.version() == null ? "" : " AND version = ?");
    }

    private static Object[] params(long id, Report.Side side) {
        TimeRange r = side.range();
        return side.version() == null ? new Object[] {id, r.fromMicros(), r.toMicros()}
                : new Object[] {id, r.fromMicros(), r.toMicros(), side.version()};
    }

    private static Map<String, Long> statusClasses(Connection c, String where, Object[] params) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT status / 100, COUNT(*) FROM request WHERE " + where
                + " GROUP BY status / 100")) {
            Reads.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1) + "xx", rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** Every k-th duration in time order (window function: SQLite 3.25+, PostgreSQL). */
    static long[] sample(Connection c, String where, Object[] params, long n) throws SQLException {
        long step = (n + SAMPLE_PER_SIDE - 1) / SAMPLE_PER_SIDE;
        long[] out = new long[(int) Math.min(n, SAMPLE_PER_SIDE)];
        int found = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT duration FROM (SELECT duration, ROW_NUMBER() OVER "
                + "(ORDER BY started_at, id) AS rn FROM request WHERE " + where + ") s WHERE (rn - 1) % ? = 0 "
                + "ORDER BY rn LIMIT " + SAMPLE_PER_SIDE)) {
            Reads.bind(ps, BoxPlotReader.concat(params, new Object[] {step}));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && found < out.length) {
                    out[found++] = rs.getLong(1);
                }
            }
        }
        return found == out.length ? out : java.util.Arrays.copyOf(out, found);
    }
}
