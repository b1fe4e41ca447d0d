package dev.monitordash.core.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over time: the per-endpoint and application-wide hour × day heatmaps, daily hits per endpoint
 * and the last two days hour by hour. The database only counts per UTC group (see {@link LocalBuckets});
 * a month is at most ~720 rows per endpoint, whatever the number of requests. With a {@link UserFilter} the
 * endpoint's rows in the range are read from the table (the user is not in the covering index).
 */
final class HeatmapQueries {

    /** The hourly series covers the current local hour and the 47 before it. */
    static final int SERIES_HOURS = 48;

    private final Reads reads;
    private final Clock clock;

    HeatmapQueries(Reads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    HourlyHeatmap endpointHeatmap(String endpoint, LocalDate first, LocalDate last, ZoneId zone, UserFilter user) {
        TimeRange range = TimeRange.days(first, last, zone);
        long width = LocalBuckets.groupMicros(zone, range);
        String sql = "SELECT " + LocalBuckets.groupExpression(width) + ", COUNT(*) FROM request "
                + "WHERE endpoint_id = ? AND started_at >= ? AND started_at < ?" + user.and() + " GROUP BY 1";
        return reads.read("the heatmap of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            return heatmap(c, sql, zone, first, last, width, user.params(id, range.fromMicros(), range.toMicros()));
        });
    }

    HourlyHeatmap loadHeatmap(LocalDate first, LocalDate last, ZoneId zone) {
        TimeRange range = TimeRange.days(first, last, zone);
        long width = LocalBuckets.groupMicros(zone, range);
        // The request_started index alone answers this (it holds started_at).
        String sql = "SELECT " + LocalBuckets.groupExpression(width) + ", COUNT(*) FROM request "
                + "WHERE started_at >= ? AND started_at < ? GROUP BY 1";
        return reads.read("the load heatmap",
                c -> heatmap(c, sql, zone, first, last, width, range.fromMicros(), range.toMicros()));
    }

    private static HourlyHeatmap heatmap(Connection c, String sql, ZoneId zone, LocalDate first, LocalDate last,
            long width, Object... params) throws SQLException {
        Map<LocalDate, long[]> days = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.put(d, new long[24]);
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Reads.bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ZonedDateTime local = LocalBuckets.groupStart(rs.getLong(1), width).atZone(zone);
                    long[] hours = days.get(local.toLocalDate());
                    if (hours != null) { // always, for a group inside the range
                        hours[local.getHour()] += rs.getLong(2);
                    }
                }
            }
        }
        List<HourlyHeatmap.Day> out = new ArrayList<>(days.size());
        days.forEach((d, h) -> out.add(new HourlyHeatmap.Day(d, h)));
        return new HourlyHeatmap(zone.getId(), out);
    }

    DailyHits dailyHits(LocalDate first, LocalDate last, ZoneId zone) {
        TimeRange range = TimeRange.days(first, last, zone);
        long width = LocalBuckets.groupMicros(zone, range);
        String sql = "SELECT e.name, g.grp, g.n FROM (SELECT endpoint_id, " + LocalBuckets.groupExpression(width)
                + " AS grp, COUNT(*) AS n FROM request WHERE started_at >= ? AND started_at < ? "
                + "GROUP BY endpoint_id, " + LocalBuckets.groupExpression(width) + ") g "
                + "JOIN endpoint e ON e.id = g.endpoint_id";
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        return reads.read("daily hits", c -> {
            Map<String, long[]> series = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Reads.bind(ps, range.fromMicros(), range.toMicros());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate day = LocalBuckets.groupStart(rs.getLong(2), width).atZone(zone).toLocalDate();
                        int index = (int) ChronoUnit.DAYS.between(first, day);
                        series.computeIfAbsent(rs.getString(1), k -> new long[days.size()])[index] += rs.getLong(3);
                    }
                }
            }
            List<DailyHits.Series> out = new ArrayList<>();
            series.forEach((name, hits) -> out.add(new DailyHits.Series(name, hits)));
            return new DailyHits(days, out);
        });
    }

    /** The current local hour and the 47 before it, oldest first, each with its count and min/mean/max. */
    List<HourStats> lastTwoDays(String endpoint, ZoneId zone, UserFilter user) {
        Instant now = clock.instant();
        Instant current = now.atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant();
        List<Instant> starts = new ArrayList<>(SERIES_HOURS);
        for (int i = SERIES_HOURS - 1; i >= 0; i--) {
            starts.add(current.minus(i, ChronoUnit.HOURS).atZone(zone).truncatedTo(ChronoUnit.HOURS).toInstant());
        }
        TimeRange range = new TimeRange(starts.get(0), current.plus(1, ChronoUnit.HOURS));
        long width = LocalBuckets.groupMicros(zone, range);
        String sql = "SELECT " + LocalBuckets.groupExpression(width) + ", COUNT(*), MIN(duration), "
                + "SUM(duration), MAX(duration) FROM request "
                + "WHERE endpoint_id = ? AND started_at >= ? AND started_at < ?" + user.and() + " GROUP BY 1";
        return reads.read("the hourly series of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            Map<Instant, long[]> hours = new LinkedHashMap<>(); // start -> {count, min, sum, max}
            for (Instant s : starts) {
                hours.put(s, new long[] {0, Long.MAX_VALUE, 0, Long.MIN_VALUE});
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Reads.bind(ps, user.params(id, range.fromMicros(), range.toMicros()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant hour = LocalBuckets.groupStart(rs.getLong(1), width).atZone(zone)
                                .truncatedTo(ChronoUnit.HOURS).toInstant();
                        long[] h = hours.get(hour);
                        if (h != null) {
                            h[0] += rs.getLong(2);
                            h[1] = Math.min(h[1], rs.getLong(3));
                            h[2] += rs.getLong(4);
                            h[3] = Math.max(h[3], rs.getLong(5));
                        }
                    }
                }
            }
            List<HourStats> out = new ArrayList<>(SERIES_HOURS);
            hours.forEach((start, h) -> out.add(h[0] == 0
                    ? new HourStats(start, 0, Double.NaN, Double.NaN, Double.NaN)
                    : new HourStats(start, h[0], h[1] / 1_000.0, h[2] / (double) h[0] / 1_000.0, h[3] / 1_000.0)));
            return out;
        });
    }
}
