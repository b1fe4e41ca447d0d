package dev.monitordash.core.store;

import dev.monitordash.core.error.ErrorCause;
import dev.monitordash.core.outlier.Masking;
import dev.monitordash.core.record.RequestRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the error tables of V7 in the request batch's transaction, on the writer thread, for the batch's
 * records that carry an exception only: a batch without one costs a loop over the records and nothing
 * else. Each exception becomes its {@link ErrorCause} here, never on the request thread.
 */
final class ErrorWriter {

    static final long HOUR_MICROS = 3_600_000_000L;

    private final Masking masking;

    ErrorWriter(Masking masking) {
        this.masking = masking;
    }

    /** One cause's share of a batch. */
    private static final class Share {
        final ErrorCause cause;
        final Throwable sample; // its stack is written only if the cause is new
        long count;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final Map<List<Long>, Long> hours = new HashMap<>(); // (hour, endpoint id) -> occurrences

        Share(ErrorCause cause, Throwable sample) {
            this.cause = cause;
            this.sample = sample;
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
            Throwable error = r.error();
            Share s = shares.computeIfAbsent(cause.fingerprint(), f -> new Share(cause, error));
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
            long groupId = upsertGroup(c, s, masking);
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

    private static long upsertGroup(Connection c, Share s, Masking masking) throws SQLException {
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
                    insert.setString(6, ErrorCause.stackOf(s.sample, masking));
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
}
