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
    private final long streamLimit;

    ReportQueries(Reads reads) {
        this(reads, BoxPlotReader.STREAM_LIMIT);
    }

    /** @param streamLimit the most rows of one side held in memory (8 bytes each) */
    ReportQueries(Reads reads, long streamLimit) {
        this.reads = reads;
        this.streamLimit = streamLimit;
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

    /** What the report needs of one side of one endpoint; times in microseconds. */
    record SideStats(long n, double median, double p90, Map<String, Long> statusClasses, long[] sample) {
    }

    private Report.EndpointChange change(Connection c, String name, long id, Report.Side before, Report.Side after)
            throws SQLException {
        SideStats b = side(c, where(before), params(id, before));
        if (b == null) {
            return null;
        }
        SideStats a = side(c, where(after), params(id, after));
        if (a == null) {
            return null;
        }
        MannWhitney.Result test = MannWhitney.test(b.sample(), a.sample());
        return new Report.EndpointChange(name, b.n(), a.n(), b.median() / 1_000.0, a.median() / 1_000.0,
                b.p90() / 1_000.0, a.p90() / 1_000.0, b.statusClasses(), a.statusClasses(), test, test.p() < ALPHA);
    }

    /**
     * One pass over the side's rows in time order (the covering index's order, no sort in the database):
     * status classes counted, the sample taken, and the durations sorted in Java for the quantiles. A side
     * of more than {@code streamLimit} rows is answered by the queries of {@link #queried} instead.
     */
    SideStats side(Connection c, String where, Object[] params) throws SQLException {
        long[] durations = new long[1024];
        int n = 0;
        Map<String, Long> classes = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT duration, status FROM request WHERE " + where
                + " ORDER BY started_at, id")) {
            ps.setFetchSize(RequestExport.FETCH_SIZE);
            Reads.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == streamLimit) {
                        return queried(c, where, params);
                    }
                    if (n == durations.length) {
                        durations = java.util.Arrays.copyOf(durations, (int) Math.min(streamLimit, 2L * n));
                    }
                    durations[n++] = rs.getLong(1);
                    classes.merge(rs.getInt(2) / 100 + "xx", 1L, Long::sum);
                }
            }
        }
        if (n == 0) {
            return null;
        }
        long step = (n + SAMPLE_PER_SIDE - 1) / SAMPLE_PER_SIDE;
        long[] sample = new long[(int) ((n + step - 1) / step)];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = durations[(int) (i * step)];
        }
        long[] sorted = java.util.Arrays.copyOf(durations, n);
        java.util.Arrays.sort(sorted);
        return new SideStats(n, Quantiles.of(sorted, 1, 2), Quantiles.of(sorted, 9, 10), classes, sample);
    }

    /** The same numbers with the database sorting: for sides too large to hold in memory. */
    static SideStats queried(Connection c, String where, Object[] params) throws SQLException {
        Map<String, Long> classes = statusClasses(c, where, params);
        long n = classes.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        BoxPlotReader reader = new BoxPlotReader(where);
        return new SideStats(n, reader.quantile(c, n, 1, 2, params), reader.quantile(c, n, 9, 10, params), classes,
                sample(c, where, params, n));
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
