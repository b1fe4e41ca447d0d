package dev.monitordash.core.store;

import dev.monitordash.core.error.ErrorCause;
import dev.monitordash.core.error.ErrorGroup;
import dev.monitordash.core.error.ErrorGroupDetail;
import dev.monitordash.core.error.ErrorGroups;
import dev.monitordash.core.outlier.Masking;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.record.RequestRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The error tables of V7: groups, their occurrences per hour, endpoint and origin, and per version.
 * Writing happens in the request batch's transaction on the writer thread, for the batch's records that
 * carry an exception only: a batch without one costs a loop over the records and nothing else.
 */
final class ErrorTables implements ErrorGroups {

    static final long HOUR_MICROS = 3_600_000_000L;

    private final Masking masking;
    private final ResourceTables.Snapshots snapshots;

    ErrorTables(Masking masking, ResourceTables.Snapshots snapshots) {
        this.masking = masking;
        this.snapshots = snapshots;
    }

    /** One cause's share of a batch. */
    private static final class Share {
        final ErrorCause cause;
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final Map<List<Long>, Long> hours = new HashMap<>(); // (hour, endpoint id) -> occurrences

        Share(ErrorCause cause) {
            this.cause = cause;
        }
    }

    /**
     * Adds the batch's failed requests with an exception to their groups, inside the batch's transaction.
     *
     * @param endpointIds the batch's endpoint ids by name (the request writer resolved them)
     */
    void write(Connection c, List<RequestRecord> records, Map<String, Long> endpointIds, long originId,
            String version) throws SQLException {
        Map<String, Share> shares = null;
        for (RequestRecord r : records) {
            if (r.error() == null) {
                continue;
            }
            if (shares == null) {
                shares = new LinkedHashMap<>();
            }
            ErrorCause cause;
            try {
                cause = ErrorCause.of(r.error(), masking);
            } catch (RuntimeException e) {
                continue; // an exception whose getMessage() or getStackTrace() throws: not groupable
            }
            Share s = shares.computeIfAbsent(cause.fingerprint(), f -> new Share(cause));
            long at = r.startEpochMicros();
            s.count++;
            s.first = Math.min(s.first, at);
            s.last = Math.max(s.last, at);
            s.hours.merge(List.of(Math.floorDiv(at, HOUR_MICROS), endpointIds.get(r.endpoint().name())), 1L, Long::sum);
        }
        if (shares == null) {
            return;
        }
        for (Share s : shares.values()) {
            long groupId = upsertGroup(c, s);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO error_hour "
                    + "(hour, group_id, endpoint_id, origin_id, occurrences) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (hour, group_id, endpoint_id, origin_id) "
                    + "DO UPDATE SET occurrences = error_hour.occurrences + excluded.occurrences")) {
                for (Map.Entry<List<Long>, Long> h : s.hours.entrySet()) {
                    ps.setLong(1, h.getKey().get(0));
                    ps.setLong(2, groupId);
                    ps.setLong(3, h.getKey().get(1));
                    ps.setLong(4, originId);
                    ps.setLong(5, h.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO error_version "
                    + "(group_id, version, occurrences, first_seen, last_seen) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT (group_id, version) DO UPDATE SET "
                    + "occurrences = error_version.occurrences + excluded.occurrences, "
                    + "first_seen = CASE WHEN excluded.first_seen < error_version.first_seen "
                    + "THEN excluded.first_seen ELSE error_version.first_seen END, "
                    + "last_seen = CASE WHEN excluded.last_seen > error_version.last_seen "
                    + "THEN excluded.last_seen ELSE error_version.last_seen END")) {
                ps.setLong(1, groupId);
                ps.setString(2, version);
                ps.setLong(3, s.count);
                ps.setLong(4, s.first);
                ps.setLong(5, s.last);
                ps.executeUpdate();
            }
        }
    }

    private static long upsertGroup(Connection c, Share s) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE error_group SET "
                + "occurrences = occurrences + ?, "
                + "first_seen = CASE WHEN ? < first_seen THEN ? ELSE first_seen END, "
                + "last_seen = CASE WHEN ? > last_seen THEN ? ELSE last_seen END WHERE fingerprint = ?")) {
            update.setLong(1, s.count);
            update.setLong(2, s.first);
            update.setLong(3, s.first);
            update.setLong(4, s.last);
            update.setLong(5, s.last);
            update.setString(6, s.cause.fingerprint());
            if (update.executeUpdate() == 0) {
                // New cause. Two instances may insert it at once: the loser's insert does nothing and
                // it adds its count to the winner's row instead.
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO error_group (fingerprint, exception, "
                        + "root_cause, message, frame, stack, occurrences, first_seen, last_seen) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING")) {
                    ErrorCause cause = s.cause;
                    insert.setString(1, cause.fingerprint());
                    insert.setString(2, cause.exception());
                    insert.setString(3, cause.rootCause());
                    insert.setString(4, cause.message());
                    insert.setString(5, cause.frame());
                    insert.setString(6, cause.stack());
                    insert.setLong(7, s.count);
                    insert.setLong(8, s.first);
                    insert.setLong(9, s.last);
                    if (insert.executeUpdate() == 0) {
                        update.executeUpdate();
                    }
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement("SELECT id FROM error_group WHERE fingerprint = ?")) {
            select.setString(1, s.cause.fingerprint());
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Deletes hours older than the cutoff, then causes not seen since and their version rows. */
    static int retain(Connection c, long cutoffMicros) throws SQLException {
        int deleted = 0;
        try (PreparedStatement hours = c.prepareStatement("DELETE FROM error_hour WHERE hour < ?");
             PreparedStatement versions = c.prepareStatement("DELETE FROM error_version WHERE group_id IN "
                     + "(SELECT id FROM error_group WHERE last_seen < ?)");
             PreparedStatement groups = c.prepareStatement("DELETE FROM error_group WHERE last_seen < ?")) {
            hours.setLong(1, Math.floorDiv(cutoffMicros, HOUR_MICROS));
            deleted += hours.executeUpdate();
            versions.setLong(1, cutoffMicros);
            deleted += versions.executeUpdate();
            groups.setLong(1, cutoffMicros);
            deleted += groups.executeUpdate();
        }
        return deleted;
    }

    // ---- reads

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
