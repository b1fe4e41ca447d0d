package dev.monitordash.core.query;

import dev.monitordash.core.rollup.Lenient;
import dev.monitordash.core.rollup.Reservoir;
import dev.monitordash.core.rollup.StatusCounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The regression report: for every endpoint, median and p90 before and after, a Mann-Whitney test of the
 * shift and the status classes on both sides, from rollups only, whatever the number of requests. Counts
 * and status classes are exact; median and p90 come from the merged sketches (within their bound, see
 * {@link SketchBoxPlots}). The test's samples are stratified by day: each (day, endpoint, origin) keeps a
 * uniform reservoir of its requests, and a side's sample of up to {@link #SAMPLE_PER_SIDE} draws from each
 * day in proportion to the day's requests in the range, so that it spans the whole side like a uniform
 * sample would. On the days at either end of a range that starts or ends mid-day, the day's reservoir
 * stands for the requests of its part in the range.
 */
final class ReportQueries {

    static final int SAMPLE_PER_SIDE = Report.SAMPLE_PER_SIDE;
    static final double ALPHA = Report.ALPHA;
    /** Must match the writer's reservoir size (TimeRollups.SAMPLE_SIZE); decoding checks it. */
    static final int RESERVOIR_SIZE = 200;

    private final Reads reads;

    ReportQueries(Reads reads) {
        this.reads = reads;
    }

    Report compare(Report.Side before, Report.Side after) {
        return reads.read("the report", c -> {
            Map<Long, String> endpoints = new TreeMap<>();
            Map<String, Long> ids = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, id FROM endpoint ORDER BY name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(1), rs.getLong(2));
                }
            }
            ids.forEach((name, id) -> endpoints.put(id, name));
            Map<Long, String> versions = Origins.versions(c);
            Map<Long, SideStats> b = side(c, before, versions);
            Map<Long, SideStats> a = side(c, after, versions);
            List<Report.EndpointChange> all = new ArrayList<>();
            for (Map.Entry<String, Long> e : ids.entrySet()) {
                SideStats sb = b.get(e.getValue());
                SideStats sa = a.get(e.getValue());
                if (sb == null || sa == null || sb.sample.length == 0 || sa.sample.length == 0) {
                    continue;
                }
                MannWhitney.Result test = MannWhitney.test(sb.sample, sa.sample);
                all.add(new Report.EndpointChange(e.getKey(), sb.n, sa.n, sb.median / 1_000.0, sa.median / 1_000.0,
                        sb.p90 / 1_000.0, sa.p90 / 1_000.0, sb.classes, sa.classes, test, test.p() < ALPHA));
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
    record SideStats(long n, double median, double p90, Map<String, Long> classes, long[] sample) {
    }

    /** Per endpoint with requests on the side. */
    private static Map<Long, SideStats> side(Connection c, Report.Side side, Map<Long, String> versions)
            throws SQLException {
        RollupSpan span = RollupSpan.of(side.range());
        Map<Long, Distribution> times = new HashMap<>();
        Map<Long, StatusCounts> statuses = new HashMap<>();
        Map<Long, Map<String, long[]>> population = new HashMap<>(); // endpoint -> "day:origin" -> {requests}
        String columns = "endpoint_id, origin_id, requests, total, fastest, slowest, sketch, statuses";
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + ", day FROM rollup_day "
                + "WHERE day >= ? AND day < ? UNION ALL SELECT " + columns + ", hour / 24 FROM rollup_hour "
                + "WHERE (hour >= ? AND hour < ?) OR (hour >= ? AND hour < ?)")) {
            Reads.bind(ps, span.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long origin = rs.getLong(2);
                    if (side.version() != null && !side.version().equals(versions.get(origin))) {
                        continue;
                    }
                    long endpoint = rs.getLong(1);
                    times.computeIfAbsent(endpoint, k -> new Distribution()).add(rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6), rs.getBytes(7));
                    statuses.computeIfAbsent(endpoint, k -> new StatusCounts()).merge(Lenient.statuses(rs.getBytes(8)));
                    population.computeIfAbsent(endpoint, k -> new HashMap<>())
                            .computeIfAbsent(rs.getLong(9) + ":" + origin, k -> new long[1])[0] += rs.getLong(3);
                }
            }
        }
        // The minutes outside whole hours, from raw rows: a stratum of their own per endpoint.
        Map<Long, long[]> edgeDurations = new HashMap<>();
        Map<Long, int[]> edgeCounts = new HashMap<>();
        span.rawEdges(c, null, (endpoint, origin, at, duration, status) -> {
            if (side.version() != null && !side.version().equals(versions.get(origin))) {
                return;
            }
            times.computeIfAbsent(endpoint, k -> new Distribution()).add(duration);
            statuses.computeIfAbsent(endpoint, k -> new StatusCounts()).add(status);
            long[] d = edgeDurations.computeIfAbsent(endpoint, k -> new long[16]);
            int[] n = edgeCounts.computeIfAbsent(endpoint, k -> new int[1]);
            if (n[0] == d.length) {
                d = java.util.Arrays.copyOf(d, d.length * 2);
                edgeDurations.put(endpoint, d);
            }
            d[n[0]++] = duration;
        });
        Map<Long, List<Reservoir.Stratum>> strata = new HashMap<>();
        edgeDurations.forEach((endpoint, d) -> {
            int n = edgeCounts.get(endpoint)[0];
            strata.computeIfAbsent(endpoint, k -> new ArrayList<>())
                    .add(new Reservoir.Stratum(n, java.util.Arrays.copyOf(d, n)));
        });
        try (PreparedStatement ps = c.prepareStatement("SELECT endpoint_id, origin_id, day, sample FROM rollup_day "
                + "WHERE day >= ? AND day < ?")) {
            Reads.bind(ps, span.firstTouchedDay(), span.endTouchedDay());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, long[]> days = population.get(rs.getLong(1));
                    long[] n = days == null ? null : days.get(rs.getLong(3) + ":" + rs.getLong(2));
                    if (n != null && n[0] > 0) {
                        strata.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                                .add(new Reservoir.Stratum(n[0], Lenient.sample(rs.getBytes(4), RESERVOIR_SIZE).values()));
                    }
                }
            }
        }
        Map<Long, SideStats> out = new LinkedHashMap<>();
        times.forEach((endpoint, d) -> {
            if (d.requests == 0) {
                return;
            }
            Map<String, Long> classes = new TreeMap<>();
            statuses.get(endpoint).asMap().forEach((status, n) -> classes.merge(status / 100 + "xx", n, Long::sum));
            // Seeded per endpoint: the same data gives the same report, page after page.
            long[] sample = Reservoir.stratified(strata.getOrDefault(endpoint, List.of()), SAMPLE_PER_SIDE,
                    new SplittableRandom(endpoint * 0x9E3779B97F4A7C15L));
            out.put(endpoint, new SideStats(d.requests, d.quantile(0.5), d.quantile(0.9), classes, sample));
        });
        return out;
    }
}
