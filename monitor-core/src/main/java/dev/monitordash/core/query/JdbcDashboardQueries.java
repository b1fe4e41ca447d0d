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
 * reads in one snapshot transaction, lets the database aggregate (rows never travel to Java to be
 * counted), and leans on the request indexes of migration V1 so that a page costs index scans, not
 * table scans. Day boundaries are computed here in Java from the caller's zone (DST-correct), then
 * compared with the stored epoch microseconds.
 */
public final class JdbcDashboardQueries implements DashboardQueries {

    static final Duration WEEK = Duration.ofDays(7);

    static final String ENDPOINTS = "SELECT id, name, last_requested FROM endpoint ORDER BY name";
    // One scan of the covering index (endpoint_id, started_at, duration, status): never reads the table.
    static final String HITS = "SELECT endpoint_id, COUNT(*), "
            + "SUM(CASE WHEN started_at >= ? THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN started_at >= ? THEN 1 ELSE 0 END), "
            + "SUM(CASE WHEN status >= 400 THEN 1 ELSE 0 END) "
            + "FROM request GROUP BY endpoint_id";
    // Exact median: the middle one or two durations of the endpoint, read from the same covering index and
    // sorted by the database, which keeps only OFFSET + LIMIT values while sorting. One SQL for both
    // dialects (PostgreSQL's percentile_cont would do the same sort). An index on (endpoint_id, duration)
    // would avoid the sort but halves the write rate (inserts land at random places); the hourly rollups
    // of a later migration will answer this for very large tables.
    static final String MIDDLE_DURATIONS = "SELECT duration FROM request WHERE endpoint_id = ? "
            + "ORDER BY duration LIMIT ? OFFSET ?";

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

    private static List<OverviewRow> overview(Connection c, long todayStart, long weekStart) throws SQLException {
        Map<Long, long[]> hits = new HashMap<>(); // endpoint id -> {total, today, week, errors}
        try (PreparedStatement ps = c.prepareStatement(HITS)) {
            ps.setLong(1, todayStart);
            ps.setLong(2, weekStart);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    hits.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }
            }
        }
        List<OverviewRow> rows = new ArrayList<>();
        try (PreparedStatement endpoints = c.prepareStatement(ENDPOINTS);
             PreparedStatement middle = c.prepareStatement(MIDDLE_DURATIONS);
             ResultSet rs = endpoints.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong(1);
                long lastMicros = rs.getLong(3);
                Instant last = rs.wasNull() ? null : EpochMicros.toInstant(lastMicros);
                long[] h = hits.getOrDefault(id, new long[4]);
                double median = h[0] == 0 ? Double.NaN : medianMillis(middle, id, h[0]);
                rows.add(new OverviewRow(rs.getString(2), h[1], h[2], h[0], median, h[3], last));
            }
        }
        return rows;
    }

    /** The middle duration of n (odd n), or the mean of the two middle ones (even n), in milliseconds. */
    static double medianMillis(PreparedStatement middle, long endpointId, long n) throws SQLException {
        int wanted = n % 2 == 1 ? 1 : 2;
        middle.setLong(1, endpointId);
        middle.setInt(2, wanted);
        middle.setLong(3, (n - 1) / 2);
        long sum = 0;
        int found = 0;
        try (ResultSet rs = middle.executeQuery()) {
            while (rs.next()) {
                sum += rs.getLong(1);
                found++;
            }
        }
        // Fewer rows than counted cannot happen inside one snapshot; NaN rather than a wrong number if it does.
        return found == wanted ? sum / (double) found / 1_000.0 : Double.NaN;
    }
}
