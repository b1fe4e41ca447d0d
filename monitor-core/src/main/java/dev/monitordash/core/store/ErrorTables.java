package dev.monitordash.core.store;

import dev.monitordash.core.error.ErrorGroup;
import dev.monitordash.core.error.ErrorGroupDetail;
import dev.monitordash.core.error.ErrorGroups;
import dev.monitordash.core.query.TimeRange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The read side of the error tables of V7 ({@link ErrorWriter} writes them): causes of a range with their
 * counts per day, versions and endpoints, one cause with its stack, and the causes first seen in a version.
 * Each call reads in one snapshot.
 */
final class ErrorTables implements ErrorGroups {

    static final long HOUR_MICROS = ErrorWriter.HOUR_MICROS;

    private final ResourceTables.Snapshots snapshots;

    ErrorTables(ResourceTables.Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    private interface Read<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T read(String what, Read<T> work) {
        try (Connection c = snapshots.open()) {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            throw new StoreException("MonitorDash could not read " + what + ": " + JdbcStore.describe(e), e);
        }
    }

    @Override
    public List<ErrorGroup> groups(TimeRange range, ZoneId zone, int limit) {
        return read("error groups", c -> {
            List<long[]> top = new ArrayList<>(); // group id, occurrences in range
            try (PreparedStatement ps = c.prepareStatement("SELECT group_id, SUM(occurrences) AS n FROM error_hour "
                    + "WHERE hour >= ? AND hour < ? GROUP BY group_id ORDER BY n DESC, group_id LIMIT ?")) {
                setHours(ps, range);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        top.add(new long[] {rs.getLong(1), rs.getLong(2)});
                    }
                }
            }
            List<ErrorGroup> out = new ArrayList<>(top.size());
            for (long[] t : top) {
                group(c, t[0], t[1], range, zone).ifPresent(out::add);
            }
            return out;
        });
    }

    @Override
    public Optional<ErrorGroupDetail> group(long id, TimeRange range, ZoneId zone) {
        return read("error group " + id, c -> {
            long inRange = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(occurrences), 0) FROM error_hour "
                    + "WHERE hour >= ? AND hour < ? AND group_id = ?")) {
                setHours(ps, range);
                ps.setLong(3, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    inRange = rs.getLong(1);
                }
            }
            Optional<ErrorGroup> group = group(c, id, inRange, range, zone);
            if (group.isEmpty()) {
                return Optional.<ErrorGroupDetail>empty();
            }
            String stack;
            try (PreparedStatement ps = c.prepareStatement("SELECT stack FROM error_group WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    stack = rs.getString(1);
                }
            }
            List<ErrorGroupDetail.VersionCount> versions = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT version, occurrences, first_seen, last_seen "
                    + "FROM error_version WHERE group_id = ? ORDER BY first_seen, version")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        versions.add(new ErrorGroupDetail.VersionCount(rs.getString(1), rs.getLong(2),
                                EpochMicros.toInstant(rs.getLong(3)), EpochMicros.toInstant(rs.getLong(4))));
                    }
                }
            }
            return Optional.of(new ErrorGroupDetail(group.get(), stack, versions, endpointCounts(c, id, range)));
        });
    }

    private Optional<ErrorGroup> group(Connection c, long id, long inRange, TimeRange range, ZoneId zone)
            throws SQLException {
        String fingerprint;
        String exception;
        String rootCause;
        String message;
        String frame;
        long total;
        Instant first;
        Instant last;
        try (PreparedStatement ps = c.prepareStatement("SELECT fingerprint, exception, root_cause, message, frame, "
                + "occurrences, first_seen, last_seen FROM error_group WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                fingerprint = rs.getString(1);
                exception = rs.getString(2);
                rootCause = rs.getString(3);
                message = rs.getString(4);
                frame = rs.getString(5);
                total = rs.getLong(6);
                first = EpochMicros.toInstant(rs.getLong(7));
                last = EpochMicros.toInstant(rs.getLong(8));
            }
        }
        List<String> versions = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.version, MIN(h.hour) AS f FROM error_hour h "
                + "JOIN origin o ON o.id = h.origin_id WHERE h.group_id = ? AND h.hour >= ? AND h.hour < ? "
                + "GROUP BY o.version ORDER BY f, o.version")) {
            ps.setLong(1, id);
            ps.setLong(2, hourOf(range.from()));
            ps.setLong(3, hourCeil(range.to()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
        }
        List<String> endpoints = endpointCounts(c, id, range).stream()
                .map(ErrorGroupDetail.EndpointCount::endpoint).toList();
        return Optional.of(new ErrorGroup(id, fingerprint, exception, rootCause, message, frame, inRange, total,
                first, last, versions, endpoints, days(c, id, range, zone)));
    }

    private static List<ErrorGroupDetail.EndpointCount> endpointCounts(Connection c, long id, TimeRange range)
            throws SQLException {
        List<ErrorGroupDetail.EndpointCount> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT e.name, SUM(h.occurrences) AS n FROM error_hour h "
                + "JOIN endpoint e ON e.id = h.endpoint_id WHERE h.group_id = ? AND h.hour >= ? AND h.hour < ? "
                + "GROUP BY e.name ORDER BY n DESC, e.name")) {
            ps.setLong(1, id);
            ps.setLong(2, hourOf(range.from()));
            ps.setLong(3, hourCeil(range.to()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ErrorGroupDetail.EndpointCount(rs.getString(1), rs.getLong(2)));
                }
            }
        }
        return out;
    }

    /** Occurrences per local day of the range: UTC hours bucketed in Java, as the heatmaps' days are. */
    private static List<ErrorGroup.DayCount> days(Connection c, long id, TimeRange range, ZoneId zone)
            throws SQLException {
        TreeMap<LocalDate, Long> byDay = new TreeMap<>();
        LocalDate firstDay = range.from().atZone(zone).toLocalDate();
        LocalDate lastDay = range.to().minusNanos(1).atZone(zone).toLocalDate();
        for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
            byDay.put(d, 0L);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT hour, SUM(occurrences) FROM error_hour "
                + "WHERE group_id = ? AND hour >= ? AND hour < ? GROUP BY hour")) {
            ps.setLong(1, id);
            ps.setLong(2, hourOf(range.from()));
            ps.setLong(3, hourCeil(range.to()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDate day = Instant.ofEpochSecond(rs.getLong(1) * 3600).atZone(zone).toLocalDate();
                    long n = rs.getLong(2);
                    byDay.computeIfPresent(day, (d, sum) -> sum + n);
                }
            }
        }
        List<ErrorGroup.DayCount> out = new ArrayList<>(byDay.size());
        byDay.forEach((d, n) -> out.add(new ErrorGroup.DayCount(d, n)));
        return out;
    }

    @Override
    public List<FirstSeen> firstSeenIn(String version) {
        return firstSeen("v.version = ?", ps -> ps.setString(1, version));
    }

    @Override
    public List<FirstSeen> firstSeenSince(Instant since) {
        return firstSeen("g.first_seen >= ?", ps -> ps.setLong(1, EpochMicros.of(since)));
    }

    private interface Bind {
        void bind(PreparedStatement ps) throws SQLException;
    }

    // A cause's first version is the one whose row holds the cause's first occurrence.
    private List<FirstSeen> firstSeen(String condition, Bind bind) {
        return read("causes first seen", c -> {
            List<FirstSeen> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT g.id, g.exception, g.frame, v.version, "
                    + "g.first_seen, v.occurrences FROM error_group g JOIN error_version v ON v.group_id = g.id "
                    + "AND v.first_seen = g.first_seen WHERE " + condition + " ORDER BY g.first_seen DESC, g.id")) {
                bind.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new FirstSeen(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                EpochMicros.toInstant(rs.getLong(5)), rs.getLong(6)));
                    }
                }
            }
            return out;
        });
    }

    private static void setHours(PreparedStatement ps, TimeRange range) throws SQLException {
        ps.setLong(1, hourOf(range.from()));
        ps.setLong(2, hourCeil(range.to()));
    }

    private static long hourOf(Instant t) {
        return Math.floorDiv(EpochMicros.of(t), HOUR_MICROS);
    }

    /** The first hour after the range's end: an hour that has begun when the range ends is counted. */
    private static long hourCeil(Instant t) {
        return Math.floorDiv(EpochMicros.of(t) + HOUR_MICROS - 1, HOUR_MICROS);
    }
}
