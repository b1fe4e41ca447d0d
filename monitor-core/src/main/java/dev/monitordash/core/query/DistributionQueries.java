package dev.monitordash.core.query;

import dev.monitordash.core.store.EpochMicros;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Distributions of execution times: box plots per version, per endpoint and per user, and group × version
 * bubbles, with the top-N selection of groups. Every box is exact ({@link BoxPlotReader}).
 */
final class DistributionQueries {

    static final String IN_RANGE = "endpoint_id = ? AND started_at >= ? AND started_at < ?";

    private final Reads reads;

    DistributionQueries(Reads reads) {
        this.reads = reads;
    }

    /**
     * One box per version with requests in the range (of one user, or all), oldest first-seen first (newest
     * at the bottom).
     */
    List<VersionBox> versionBoxes(String endpoint, TimeRange range, UserFilter user) {
        BoxPlotReader reader = new BoxPlotReader(IN_RANGE + user.and());
        return reads.read("the version box plots of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            Object[] params = user.params(id, range.fromMicros(), range.toMicros());
            Map<String, Instant> versions = new LinkedHashMap<>();
            Map<String, Long> counts = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT r.version, MIN(v.first_seen), COUNT(*) "
                    + "FROM request r LEFT JOIN version v ON v.name = r.version "
                    + "WHERE r.endpoint_id = ? AND r.started_at >= ? AND r.started_at < ?" + user.and("r.")
                    + " GROUP BY r.version")) {
                Reads.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long seen = rs.getLong(2);
                        versions.put(rs.getString(1), rs.wasNull() ? null : EpochMicros.toInstant(seen));
                        counts.put(rs.getString(1), rs.getLong(3));
                    }
                }
            }
            Map<String, BoxPlot> boxes = reader.readGroups(c, "version", counts, params);
            List<VersionBox> out = new ArrayList<>();
            for (Map.Entry<String, Instant> v : versions.entrySet()) {
                out.add(new VersionBox(v.getKey(), v.getValue(), boxes.get(v.getKey())));
            }
            out.sort(Comparator.comparing(VersionBox::firstSeen, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(VersionBox::version));
            return out;
        });
    }

    /** One box per endpoint with requests in the range, by name (the API performance page). */
    List<BoxPlot> endpointBoxes(TimeRange range) {
        BoxPlotReader reader = new BoxPlotReader(IN_RANGE);
        return reads.read("the endpoint box plots", c -> {
            Map<String, Long> endpoints = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.name, e.id FROM endpoint e WHERE EXISTS "
                    + "(SELECT 1 FROM request r WHERE r.endpoint_id = e.id AND r.started_at >= ? AND r.started_at < ?) "
                    + "ORDER BY e.name")) {
                Reads.bind(ps, range.fromMicros(), range.toMicros());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        endpoints.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            List<BoxPlot> out = new ArrayList<>();
            for (Map.Entry<String, Long> e : endpoints.entrySet()) {
                out.add(reader.read(c, e.getKey(), e.getValue(), range.fromMicros(), range.toMicros()));
            }
            return out;
        });
    }

    /** Box plots of the users the selection shows; {@code version} null for all versions. */
    GroupBoxes userBoxes(String endpoint, TimeRange range, String version, TopN top) {
        String where = IN_RANGE + (version == null ? "" : " AND version = ?");
        return reads.read("the user box plots of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            Object[] params = params(id, range, version);
            TopN.Selection selection = select(c, Dimension.USER, where, params, top);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (TopN.Group g : selection.shown()) {
                counts.put(g.name(), g.requests());
            }
            Map<String, BoxPlot> byUser = new BoxPlotReader(where).readGroups(c, Dimension.USER.column, counts, params);
            List<BoxPlot> boxes = new ArrayList<>();
            for (TopN.Group g : selection.shown()) {
                boxes.add(byUser.get(g.name()));
            }
            return new GroupBoxes(boxes, selection.hidden());
        });
    }

    /** Group × version bubbles of the groups the selection shows. */
    BubbleChart bubbles(String endpoint, TimeRange range, Dimension dimension, TopN top) {
        return reads.read("the " + dimension.name().toLowerCase(java.util.Locale.ROOT) + " bubbles of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            Object[] params = params(id, range, null);
            TopN.Selection selection = select(c, dimension, IN_RANGE, params, top);
            Set<String> shown = new HashSet<>();
            List<String> groups = new ArrayList<>();
            for (TopN.Group g : selection.shown()) {
                shown.add(g.name());
                groups.add(g.name());
            }
            List<BubbleChart.Bubble> bubbles = new ArrayList<>();
            Map<String, Long> versionStart = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + dimension.column + ", version, COUNT(*), "
                    + "AVG(duration), MIN(started_at) FROM request WHERE " + IN_RANGE + " GROUP BY "
                    + dimension.column + ", version")) {
                Reads.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String group = rs.getString(1);
                        if (!shown.contains(group)) {
                            continue;
                        }
                        String version = rs.getString(2);
                        bubbles.add(new BubbleChart.Bubble(group, version, rs.getLong(3), rs.getDouble(4) / 1_000.0));
                        versionStart.merge(version, rs.getLong(5), Math::min);
                    }
                }
            }
            List<String> versions = new ArrayList<>(versionStart.keySet());
            versions.sort(Comparator.comparing((String v) -> versionStart.get(v)).thenComparing(Comparator.naturalOrder()));
            bubbles.sort(Comparator.comparing((BubbleChart.Bubble b) -> groups.indexOf(b.group()))
                    .thenComparing(b -> versions.indexOf(b.version())));
            return new BubbleChart(groups, versions, bubbles, selection.hidden());
        });
    }

    /**
     * Ranks the groups and adds every group behind an outlier point of the endpoint's own box plot over the
     * same selection (the up to 50 most extreme requests per side beyond its whiskers), so that the user
     * behind an outlier is never hidden while the chart stays readable: at most N + 100 groups.
     */
    private static TopN.Selection select(Connection c, Dimension d, String where, Object[] params, TopN top)
            throws SQLException {
        Map<String, TopN.Group> groups = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + d.column + ", COUNT(*), AVG(duration) "
                + "FROM request WHERE " + where + " GROUP BY " + d.column)) {
            Reads.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    groups.put(rs.getString(1), new TopN.Group(rs.getString(1), rs.getLong(2), rs.getDouble(3) / 1_000.0));
                }
            }
        }
        Set<String> withOutliers = new HashSet<>();
        BoxPlot all = groups.isEmpty() ? null : new BoxPlotReader(where).read(c, "all", params);
        if (all != null && all.outlierCount() > 0) {
            withOutliers.addAll(groupsBeyond(c, d, where, "duration < ?", "ASC", all.lowerWhisker(), params));
            withOutliers.addAll(groupsBeyond(c, d, where, "duration > ?", "DESC", all.upperWhisker(), params));
        }
        return top.select(groups, withOutliers);
    }

    /** The groups behind the outlier points the endpoint's box plot lists (the most extreme per side). */
    private static List<String> groupsBeyond(Connection c, Dimension d, String where, String beyond, String order,
            double whiskerMillis, Object[] params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + d.column + " FROM request WHERE (" + where
                + ") AND " + beyond + " ORDER BY duration " + order + " LIMIT " + BoxPlotReader.OUTLIERS_PER_SIDE)) {
            Reads.bind(ps, BoxPlotReader.concat(params, new Object[] {Math.round(whiskerMillis * 1_000)}));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static Object[] params(long id, TimeRange range, String version) {
        return version == null ? new Object[] {id, range.fromMicros(), range.toMicros()}
                : new Object[] {id, range.fromMicros(), range.toMicros(), version};
    }

}
