package dev.monitordash.core.query;

import dev.monitordash.core.store.EpochMicros;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Distributions of execution times: box plots per version, per endpoint and per user, and group × version
 * bubbles, with the top-N selection of groups. Boxes merge rollup sketches ({@link Distribution}): count,
 * min and max exact, quartiles within the sketch's bound (see {@link SketchBoxPlots}). Per endpoint and
 * version they read whole days from rollup_day and the edge hours from rollup_hour ({@link RollupSpan});
 * per user or client address the daily rollup_user / rollup_client rows of the days the range touches, plus
 * the rows not rolled up yet ({@link PendingRows}).
 */
final class DistributionQueries {

    private final Reads reads;

    DistributionQueries(Reads reads) {
        this.reads = reads;
    }

    /**
     * One box per version with requests in the range (of one user, or all), oldest first-seen first (newest
     * at the bottom).
     */
    List<VersionBox> versionBoxes(String endpoint, TimeRange range, UserFilter user) {
        return reads.read("the version box plots of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            Map<Long, String> versions = Origins.versions(c);
            Map<String, Distribution> byVersion = new LinkedHashMap<>();
            if (user.user() == null) {
                endpointRows(c, id, range, (origin, d) -> byVersion.computeIfAbsent(versions.get(origin),
                        k -> new Distribution()).merge(d));
            } else {
                OptionalLong userId = UserIds.user(c, user.user());
                if (userId.isPresent()) {
                    groupRows(c, Dimension.USER, id, range, g -> g == userId.getAsLong(),
                            (group, origin, d) -> byVersion.computeIfAbsent(versions.get(origin),
                                    k -> new Distribution()).merge(d));
                }
            }
            Map<String, Long> firstSeen = Origins.firstSeen(c);
            List<VersionBox> out = new ArrayList<>();
            byVersion.forEach((version, d) -> {
                BoxPlot box = d.box(version);
                if (box != null) {
                    Long seen = firstSeen.get(version);
                    out.add(new VersionBox(version, seen == null ? null : EpochMicros.toInstant(seen), box));
                }
            });
            out.sort(Comparator.comparing(VersionBox::firstSeen, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(VersionBox::version));
            return out;
        });
    }

    /** One box per endpoint with requests in the range, by name (the API performance page). */
    List<BoxPlot> endpointBoxes(TimeRange range) {
        return reads.read("the endpoint box plots", c -> {
            Map<Long, String> names = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM endpoint");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                }
            }
            RollupSpan span = RollupSpan.of(range);
            Map<String, Distribution> byName = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(RollupSpan.union(
                    "endpoint_id, requests, total, fastest, slowest, sketch", ""))) {
                Reads.bind(ps, span.params());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String name = names.get(rs.getLong(1));
                        if (name != null) {
                            byName.computeIfAbsent(name, k -> new Distribution()).add(rs.getLong(2), rs.getLong(3),
                                    rs.getLong(4), rs.getLong(5), rs.getBytes(6));
                        }
                    }
                }
            }
            span.rawEdges(c, null, (endpoint, origin, at, duration, status) -> {
                String name = names.get(endpoint);
                if (name != null) {
                    byName.computeIfAbsent(name, k -> new Distribution()).add(duration);
                }
            });
            List<BoxPlot> out = new ArrayList<>();
            byName.forEach((name, d) -> {
                BoxPlot box = d.box(name);
                if (box != null) {
                    out.add(box);
                }
            });
            return out;
        });
    }

    /** Box plots of the users the selection shows; {@code version} null for all versions. */
    GroupBoxes userBoxes(String endpoint, TimeRange range, String version, TopN top) {
        return reads.read("the user box plots of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            Map<Long, String> versions = Origins.versions(c);
            Map<Long, Distribution> byUser = new HashMap<>();
            groupRows(c, Dimension.USER, id, range, g -> true, (group, origin, d) -> {
                if (version == null || version.equals(versions.get(origin))) {
                    byUser.computeIfAbsent(group, k -> new Distribution()).merge(d);
                }
            });
            Map<Long, String> names = UserIds.names(c, Dimension.USER, byUser.keySet());
            Distribution all = endpointDistribution(c, id, range, version, versions);
            TopN.Selection selection = top.select(groups(byUser, names), beyondWhiskers(byUser, names, all));
            Map<String, Distribution> byName = new HashMap<>();
            byUser.forEach((uid, d) -> byName.put(names.get(uid), d));
            List<BoxPlot> boxes = new ArrayList<>();
            int hidden = selection.hidden();
            for (TopN.Group g : selection.shown()) {
                BoxPlot box = byName.get(g.name()).box(g.name());
                // No box without a readable sketch (every one of the user's rows garbled): left out and
                // counted as hidden, as the version and endpoint boxes leave such a group out.
                if (box == null) {
                    hidden++;
                } else {
                    boxes.add(box);
                }
            }
            return new GroupBoxes(boxes, hidden);
        });
    }

    /** Group × version bubbles of the groups the selection shows. */
    BubbleChart bubbles(String endpoint, TimeRange range, Dimension dimension, TopN top) {
        return reads.read("the " + dimension.name().toLowerCase(java.util.Locale.ROOT) + " bubbles of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            Map<Long, String> versions = Origins.versions(c);
            Map<Long, Distribution> byGroup = new HashMap<>();
            Map<Long, Map<String, Distribution>> cells = new HashMap<>();
            groupRows(c, dimension, id, range, g -> true, (group, origin, d) -> {
                byGroup.computeIfAbsent(group, k -> new Distribution()).merge(d);
                cells.computeIfAbsent(group, k -> new HashMap<>())
                        .computeIfAbsent(versions.get(origin), k -> new Distribution()).merge(d);
            });
            Map<Long, String> names = UserIds.names(c, dimension, byGroup.keySet());
            Distribution all = endpointDistribution(c, id, range, null, versions);
            TopN.Selection selection = top.select(groups(byGroup, names), beyondWhiskers(byGroup, names, all));
            Map<String, Long> idByName = new HashMap<>();
            names.forEach((gid, name) -> idByName.put(name, gid));
            Map<String, Long> firstSeen = Origins.firstSeen(c);
            List<String> groups = new ArrayList<>();
            Set<String> versionsShown = new HashSet<>();
            List<BubbleChart.Bubble> bubbles = new ArrayList<>();
            for (TopN.Group g : selection.shown()) {
                groups.add(g.name());
                cells.get(idByName.get(g.name())).forEach((v, d) -> {
                    versionsShown.add(v);
                    bubbles.add(new BubbleChart.Bubble(g.name(), v, d.requests, d.meanMillis()));
                });
            }
            List<String> ordered = new ArrayList<>(versionsShown);
            ordered.sort(Comparator.comparing((String v) -> firstSeen.getOrDefault(v, Long.MAX_VALUE))
                    .thenComparing(Comparator.naturalOrder()));
            bubbles.sort(Comparator.comparing((BubbleChart.Bubble b) -> groups.indexOf(b.group()))
                    .thenComparing(b -> ordered.indexOf(b.version())));
            return new BubbleChart(groups, ordered, bubbles, selection.hidden());
        });
    }

    private static Map<String, TopN.Group> groups(Map<Long, Distribution> byId, Map<Long, String> names) {
        Map<String, TopN.Group> out = new LinkedHashMap<>();
        byId.forEach((gid, d) -> out.put(names.get(gid), new TopN.Group(names.get(gid), d.requests, d.meanMillis())));
        return out;
    }

    /**
     * The groups behind the endpoint box's outlier points, so that the user behind an outlier is never hidden
     * while the chart stays readable: the up to 50 groups per side whose slowest (fastest) request lies
     * beyond a fence (1.5 IQR) of the endpoint's own box over the same selection, most extreme first. The
     * fences, not the whiskers: a whisker is a sketch bin's value, within 1 % of the duration it stands for.
     */
    private static Set<String> beyondWhiskers(Map<Long, Distribution> byId, Map<Long, String> names, Distribution all) {
        Set<String> out = new HashSet<>();
        BoxPlot box = all.box("all");
        if (box == null || box.outlierCount() == 0) {
            return out;
        }
        double iqr = box.q3() - box.q1();
        double upper = (box.q3() + 1.5 * iqr) * 1_000;
        double lower = (box.q1() - 1.5 * iqr) * 1_000;
        byId.entrySet().stream().filter(e -> e.getValue().slowest > upper)
                .sorted(Comparator.comparingLong(e -> -e.getValue().slowest)).limit(BoxPlotReader.OUTLIERS_PER_SIDE)
                .forEach(e -> out.add(names.get(e.getKey())));
        byId.entrySet().stream().filter(e -> e.getValue().fastest < lower)
                .sorted(Comparator.comparingLong(e -> e.getValue().fastest)).limit(BoxPlotReader.OUTLIERS_PER_SIDE)
                .forEach(e -> out.add(names.get(e.getKey())));
        return out;
    }

    /** Sees one rollup row (or pending request) of an origin. */
    @FunctionalInterface
    interface OriginSink {
        void accept(long originId, Distribution d);
    }

    @FunctionalInterface
    interface GroupSink {
        void accept(long groupId, long originId, Distribution d);
    }

    @FunctionalInterface
    interface GroupFilter {
        boolean test(long groupId);
    }

    /** The endpoint's rows of the range per origin: whole days, other whole hours, raw minutes at the ends. */
    static void endpointRows(Connection c, long endpointId, TimeRange range, OriginSink sink) throws SQLException {
        RollupSpan span = RollupSpan.of(range);
        try (PreparedStatement ps = c.prepareStatement(RollupSpan.union(
                "origin_id, requests, total, fastest, slowest, sketch", "endpoint_id = ?"))) {
            Reads.bind(ps, span.params(endpointId));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Distribution d = new Distribution();
                    d.add(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getBytes(6));
                    sink.accept(rs.getLong(1), d);
                }
            }
        }
        span.rawEdges(c, endpointId, (endpoint, origin, at, duration, status) -> {
            Distribution d = new Distribution();
            d.add(duration);
            sink.accept(origin, d);
        });
    }

    /** The endpoint's distribution over the range, of one version or all (null). */
    static Distribution endpointDistribution(Connection c, long endpointId, TimeRange range, String version,
            Map<Long, String> versions) throws SQLException {
        Distribution all = new Distribution();
        endpointRows(c, endpointId, range, (origin, d) -> {
            if (version == null || version.equals(versions.get(origin))) {
                all.merge(d);
            }
        });
        return all;
    }

    /**
     * The endpoint's per-user (or per-client) daily rows of the days the range touches, and its pending raw
     * rows in the range, per group and origin. Client rows carry no sketch: their distributions have exact
     * counts, sums, min and max only.
     */
    static void groupRows(Connection c, Dimension d, long endpointId, TimeRange range, GroupFilter filter,
            GroupSink sink) throws SQLException {
        RollupSpan span = RollupSpan.of(range);
        boolean users = d == Dimension.USER;
        String sql = users
                ? "SELECT user_id, origin_id, requests, total, fastest, slowest, sketch FROM rollup_user "
                        + "WHERE endpoint_id = ? AND day >= ? AND day < ?"
                : "SELECT client_id, origin_id, requests, total, fastest, slowest, NULL FROM rollup_client "
                        + "WHERE endpoint_id = ? AND day >= ? AND day < ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Reads.bind(ps, endpointId, span.firstTouchedDay(), span.endTouchedDay());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long group = rs.getLong(1);
                    if (filter.test(group)) {
                        Distribution dist = new Distribution();
                        dist.add(rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getBytes(7));
                        sink.accept(group, rs.getLong(2), dist);
                    }
                }
            }
        }
        LongFunction<Long> none = id -> id == 0 ? UserIds.NONE : id;
        for (PendingRows.Row r : PendingRows.of(c, endpointId, range.fromMicros(), range.toMicros())) {
            long group = none.apply(users ? r.userId() : r.clientId());
            if (filter.test(group)) {
                Distribution dist = new Distribution();
                dist.add(r.duration());
                sink.accept(group, r.originId(), dist);
            }
        }
    }

    static Instant firstSeenOf(Map<String, Long> firstSeen, String version) {
        Long micros = firstSeen.get(version);
        return micros == null ? null : EpochMicros.toInstant(micros);
    }
}
