package dev.monitordash.core.query;

import dev.monitordash.core.store.EpochMicros;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's queries over the JDBC store, in SQL both SQLite and PostgreSQL run unchanged. Each view
 * reads in one snapshot transaction, and reads rollups (migration V4), never raw request rows over long
 * ranges: a page costs a few hundred to a few thousand rollup rows whatever the number of requests. Day
 * boundaries are computed here in Java from the caller's zone (DST-correct), then compared with the
 * stored epoch microseconds.
 */
public final class JdbcDashboardQueries implements DashboardQueries {

    static final Duration WEEK = Duration.ofDays(7);

    static final String ENDPOINTS = "SELECT id, name, last_requested FROM endpoint ORDER BY name";
    // All days of every endpoint: totals, errors and the merged sketch for the median.
    static final String DAYS = "SELECT endpoint_id, requests, errors_4xx + errors_5xx, total, fastest, slowest, "
            + "sketch FROM rollup_day";

    private final Reads reads;
    private final Clock clock;
    private final JdbcAnalyticsQueries analytics;

    public JdbcDashboardQueries(SnapshotConnections connections, Clock clock) {
        this.reads = new Reads(connections);
        this.clock = clock;
        this.analytics = new JdbcAnalyticsQueries(connections, clock);
    }

    @Override
    public AnalyticsQueries analytics() {
        return analytics;
    }

    /**
     * One row per stored endpoint, by name. "Today" starts at the last midnight in {@code zone}; "last 7
     * days" is the rolling 7 × 24 hours before now. Endpoints without requests have zero counts and a NaN
     * median.
     */
    @Override
    public List<OverviewRow> overview(ZoneId zone) {
        Instant now = clock.instant();
        long todayStart = EpochMicros.of(LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant());
        long weekStart = EpochMicros.of(now.minus(WEEK));
        return reads.read("the overview", c -> overview(c, todayStart, weekStart));
    }

    @Override
    public List<OutlierSummary> outliers(String endpoint, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return reads.read("the outliers of " + endpoint, c -> OutlierQueries.list(c, endpoint, limit));
    }

    @Override
    public List<OutlierSummary> outliers(String endpoint, TimeRange range, int limit) {
        requirePositive(limit);
        return reads.read("the outliers of " + endpoint, c -> OutlierQueries.list(c, endpoint, range, limit));
    }

    @Override
    public OutlierCpu outlierCpu(String endpoint, TimeRange range, int limit) {
        requirePositive(limit);
        return reads.read("the outliers' CPU of " + endpoint, c -> OutlierQueries.cpu(c, endpoint, range, limit));
    }

    private static void requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    @Override
    public Optional<OutlierDetail> outlier(long id) {
        return reads.read("outlier " + id, c -> OutlierQueries.detail(c, id));
    }

    @Override
    public List<ProfileSummary> profiles(String endpoint, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        return reads.read("the profiles of " + endpoint, c -> ProfileQueries.list(c, endpoint, limit));
    }

    @Override
    public Optional<dev.monitordash.core.profile.Profile> profile(long id) {
        return reads.read("profile " + id, c -> ProfileQueries.one(c, id));
    }

    @Override
    public GroupedProfile groupedProfile(String endpoint, int lastN) {
        if (lastN < 1) {
            throw new IllegalArgumentException("lastN must be at least 1, was " + lastN);
        }
        return reads.read("the grouped profile of " + endpoint, c -> ProfileQueries.grouped(c, endpoint, lastN));
    }

    /**
     * Totals, errors and medians from every endpoint's daily rollups (all kept days, {@code
     * monitordash.retention.rollups}); today and the last 7 days from the hourly ones, to the quarter hour.
     */
    private static List<OverviewRow> overview(Connection c, long todayStart, long weekStart) throws SQLException {
        Map<Long, Distribution> all = new HashMap<>();
        Map<Long, long[]> errors = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(DAYS); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                all.computeIfAbsent(id, k -> new Distribution()).add(rs.getLong(2), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getBytes(7));
                errors.computeIfAbsent(id, k -> new long[1])[0] += rs.getLong(3);
            }
        }
        long since = Math.min(todayStart, weekStart);
        Map<Long, long[]> recent = new HashMap<>(); // endpoint id -> {today, week}
        HourCounts window = new HourCounts(since, Long.MAX_VALUE / 2);
        try (PreparedStatement ps = c.prepareStatement("SELECT endpoint_id, hour, SUM(requests), SUM(quarter_2), "
                + "SUM(quarter_3), SUM(quarter_4) FROM rollup_hour WHERE hour >= ? GROUP BY endpoint_id, hour")) {
            ps.setLong(1, window.firstHour());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    HourCounts hour = new HourCounts(since, Long.MAX_VALUE / 2);
                    hour.addQuarters(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
                    long[] r = recent.computeIfAbsent(rs.getLong(1), k -> new long[2]);
                    hour.forEach((start, n) -> {
                        if (start >= todayStart) {
                            r[0] += n;
                        }
                        if (start >= weekStart) {
                            r[1] += n;
                        }
                    });
                }
            }
        }
        List<OverviewRow> rows = new ArrayList<>();
        try (PreparedStatement endpoints = c.prepareStatement(ENDPOINTS);
             ResultSet rs = endpoints.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                long lastMicros = rs.getLong(3);
                Instant last = rs.wasNull() ? null : EpochMicros.toInstant(lastMicros);
                Distribution d = all.get(id);
                long[] r = recent.getOrDefault(id, new long[2]);
                long total = d == null ? 0 : d.requests;
                double median = d == null ? Double.NaN : d.median() / 1_000.0;
                rows.add(new OverviewRow(rs.getString(2), r[0], r[1], total, median,
                        errors.getOrDefault(id, new long[1])[0], last));
            }
        }
        return rows;
    }
}
