package dev.monitordash.core.query;

import dev.monitordash.core.rollup.DurationSketch;
import dev.monitordash.core.rollup.Lenient;
import dev.monitordash.core.rollup.StatusCounts;
import dev.monitordash.core.store.EpochMicros;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the version report reads, from rollups only, whatever the number of requests: per endpoint and side
 * the exact count, sum and status classes and the merged sketch of every duration, also per instance
 * ({@link #times}); and for an endpoint that changed, its sketches per hour of the day and its users
 * ({@link #detail}). The statistics are the report package's ({@code dev.monitordash.core.report}).
 */
final class ReportQueries {

    private final Reads reads;

    ReportQueries(Reads reads) {
        this.reads = reads;
    }

    List<EndpointTimes> times(ReportSide before, ReportSide after) {
        return reads.read("the report", c -> {
            Map<Long, String> names = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM endpoint");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                }
            }
            Map<Long, Origins.Origin> origins = Origins.all(c);
            Map<Long, Side> b = side(c, before, origins);
            Map<Long, Side> a = side(c, after, origins);
            List<EndpointTimes> out = new ArrayList<>();
            names.forEach((id, name) -> {
                Side sb = b.get(id);
                Side sa = a.get(id);
                if (sb != null && sa != null && sb.requests() > 0 && sa.requests() > 0) {
                    out.add(new EndpointTimes(name, sb.times(), sa.times()));
                }
            });
            out.sort(java.util.Comparator.comparing(EndpointTimes::endpoint));
            return out;
        });
    }

    ReportDetail detail(String endpoint, ReportSide before, ReportSide after) {
        return details(List.of(endpoint), before, after).get(endpoint);
    }

    /**
     * {@link #detail} of several endpoints in one snapshot: each side's hours in one pass over the hourly
     * rollups of its range for all of them (the key leads with the hour, so a pass per endpoint would read
     * every endpoint's rows of the range again: most of a 10 M-request report's time), users per endpoint.
     */
    Map<String, ReportDetail> details(Collection<String> endpoints, ReportSide before, ReportSide after) {
        return reads.read("the report's checks", c -> {
            Map<String, Long> ids = new LinkedHashMap<>();
            for (String endpoint : endpoints) {
                ids.put(endpoint, Reads.endpointId(c, endpoint));
            }
            Map<Long, Origins.Origin> origins = Origins.all(c);
            Set<Long> wanted = new HashSet<>(ids.values());
            Map<Long, List<DurationSketch>> hoursBefore = hours(c, wanted, before, origins);
            Map<Long, List<DurationSketch>> hoursAfter = hours(c, wanted, after, origins);
            Map<String, ReportDetail> out = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : ids.entrySet()) {
                long id = e.getValue();
                out.put(e.getKey(), new ReportDetail(hoursBefore.get(id), hoursAfter.get(id),
                        users(c, id, before, origins), users(c, id, after, origins)));
            }
            return out;
        });
    }

    List<DeployedVersion> versions() {
        return reads.read("the versions", c -> {
            List<DeployedVersion> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, first_seen FROM version ORDER BY first_seen, name");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeployedVersion(rs.getString(1), EpochMicros.toInstant(rs.getLong(2))));
                }
            }
            return out;
        });
    }

    /** One side of one endpoint, as read: per instance, then merged. */
    private static final class Side {
        final Map<String, Distribution> instances = new TreeMap<>();
        final StatusCounts statuses = new StatusCounts();

        long requests() {
            return instances.values().stream().mapToLong(d -> d.requests).sum();
        }

        SideTimes times() {
            List<GroupTimes> perInstance = new ArrayList<>();
            instances.forEach((name, d) -> perInstance.add(new GroupTimes(name, d.requests, d.total, d.sketch)));
            Map<String, Long> classes = new TreeMap<>();
            statuses.asMap().forEach((status, n) -> classes.merge(status / 100 + "xx", n, Long::sum));
            return new SideTimes(GroupTimes.merge(null, perInstance), classes, perInstance);
        }
    }

    private static boolean onSide(ReportSide side, Origins.Origin origin) {
        return origin != null && (side.version() == null || side.version().equals(origin.version()));
    }

    /**
     * The side's origins as a SQL condition, so that the database returns only the side's rows: a version's
     * side is a fraction of the range's rows, and on PostgreSQL each row returned is a sketch sent over the
     * connection. Ids are the store's own numbers, written into the statement; "" for every origin.
     */
    private static String originsOf(ReportSide side, Map<Long, Origins.Origin> origins) {
        if (side.version() == null) {
            return "";
        }
        String ids = origins.entrySet().stream().filter(e -> onSide(side, e.getValue()))
                .map(e -> Long.toString(e.getKey())).collect(Collectors.joining(", "));
        return ids.isEmpty() ? "origin_id IS NULL" : "origin_id IN (" + ids + ")";
    }

    private static Map<Long, Side> side(Connection c, ReportSide side, Map<Long, Origins.Origin> origins)
            throws SQLException {
        RollupSpan span = RollupSpan.of(side.range());
        Map<Long, Side> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(RollupSpan.union("endpoint_id, origin_id, requests, total, "
                + "fastest, slowest, sketch, statuses", originsOf(side, origins)))) {
            Reads.bind(ps, span.params());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Origins.Origin origin = origins.get(rs.getLong(2));
                    if (!onSide(side, origin)) {
                        continue;
                    }
                    Side s = out.computeIfAbsent(rs.getLong(1), k -> new Side());
                    s.instances.computeIfAbsent(origin.instance(), k -> new Distribution()).add(rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getBytes(7));
                    s.statuses.merge(Lenient.statuses(rs.getBytes(8)));
                }
            }
        }
        // The minutes outside whole hours, from raw rows.
        span.rawEdges(c, null, (endpoint, originId, at, duration, status) -> {
            Origins.Origin origin = origins.get(originId);
            if (onSide(side, origin)) {
                Side s = out.computeIfAbsent(endpoint, k -> new Side());
                s.instances.computeIfAbsent(origin.instance(), k -> new Distribution()).add(duration);
                s.statuses.add(status);
            }
        });
        return out;
    }

    /** Each endpoint's whole hours of the side, from rollup_hour, per UTC hour of the day: one pass for all. */
    private static Map<Long, List<DurationSketch>> hours(Connection c, Set<Long> endpoints, ReportSide side,
            Map<Long, Origins.Origin> origins) throws SQLException {
        RollupSpan span = RollupSpan.of(side.range());
        Map<Long, List<DurationSketch>> out = new HashMap<>();
        for (long endpoint : endpoints) {
            List<DurationSketch> hours = new ArrayList<>();
            for (int h = 0; h < ReportDetail.HOURS; h++) {
                hours.add(new DurationSketch());
            }
            out.put(endpoint, hours);
        }
        String only = originsOf(side, origins);
        try (PreparedStatement ps = c.prepareStatement("SELECT hour, endpoint_id, origin_id, sketch FROM rollup_hour "
                + "WHERE hour >= ? AND hour < ?" + (only.isEmpty() ? "" : " AND " + only))) {
            Reads.bind(ps, span.firstHour(), span.endHour());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<DurationSketch> hours = out.get(rs.getLong(2));
                    if (hours != null && onSide(side, origins.get(rs.getLong(3)))) {
                        hours.get((int) Math.floorMod(rs.getLong(1), (long) ReportDetail.HOURS))
                                .merge(Lenient.sketch(rs.getBytes(4)));
                    }
                }
            }
        }
        return out;
    }

    /** Per user of the UTC days the side touches, from the daily user rollups. */
    private static List<GroupTimes> users(Connection c, long endpoint, ReportSide side,
            Map<Long, Origins.Origin> origins) throws SQLException {
        RollupSpan span = RollupSpan.of(side.range());
        Map<Long, Distribution> byUser = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT origin_id, user_id, requests, total, fastest, "
                + "slowest, sketch FROM rollup_user WHERE endpoint_id = ? AND day >= ? AND day < ?")) {
            Reads.bind(ps, endpoint, span.firstTouchedDay(), span.endTouchedDay());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (onSide(side, origins.get(rs.getLong(1)))) {
                        byUser.computeIfAbsent(rs.getLong(2), k -> new Distribution()).add(rs.getLong(3),
                                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getBytes(7));
                    }
                }
            }
        }
        Map<Long, String> names = UserIds.names(c, Dimension.USER, byUser.keySet());
        List<GroupTimes> out = new ArrayList<>();
        byUser.forEach((id, d) -> out.add(new GroupTimes(names.get(id), d.requests, d.total, d.sketch)));
        return out;
    }
}
