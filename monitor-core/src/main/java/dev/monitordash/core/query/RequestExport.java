package dev.monitordash.core.query;

import dev.monitordash.core.store.EpochMicros;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Streams stored requests to a sink row by row from a JDBC cursor, in the order they were written (about
 * time order): memory stays flat however many rows the range holds. The rows are found by id range: each
 * hourly rollup row holds the smallest and largest request id of its hour, and request ids grow with
 * every batch, so the raw table is read as one contiguous stretch, never searched by time. PostgreSQL
 * streams only inside a transaction with a fetch size (the snapshot connection has auto-commit off);
 * SQLite steps through its result one row at a time anyway.
 */
final class RequestExport {

    /** Rows per round trip to PostgreSQL; ~150 bytes each. */
    static final int FETCH_SIZE = 1_000;

    private final Reads reads;

    RequestExport(Reads reads) {
        this.reads = reads;
    }

    /**
     * How many rows {@link #export} sends for the same selection: whole quarter hours from the hourly
     * rollups' quarter counts, the partial quarter hours at either end from the raw rows of those minutes
     * (found by id range), so no more than half an hour of raw rows is read. Before the oldest raw row that
     * retention left, the rollups count rows the export cannot send: there only the requests retention keeps
     * for an outlier or a profile are counted, one by one (a few per endpoint).
     */
    long count(String endpoint, TimeRange range) {
        return reads.read("the number of requests to export", c -> {
            Long endpointId = endpoint == null ? null : Reads.endpointId(c, endpoint);
            java.util.Optional<java.time.Instant> oldest = oldestUnlinked(c);
            long rawFrom = oldest.isEmpty() ? Long.MAX_VALUE
                    : dev.monitordash.core.store.EpochMicros.of(oldest.get());
            long to = range.toMicros();
            long linked = countLinked(c, endpointId, range.fromMicros(), Math.min(to, rawFrom));
            long from = Math.max(range.fromMicros(), rawFrom);
            if (from >= to) {
                return linked;
            }
            long quarter = RollupSpan.HOUR_MICROS / 4;
            long wholeFrom = Math.floorDiv(from + quarter - 1, quarter) * quarter;
            long wholeTo = Math.floorDiv(to, quarter) * quarter;
            if (wholeFrom >= wholeTo) {
                return countRaw(c, endpointId, from, to);
            }
            HourCounts counts = new HourCounts(wholeFrom, wholeTo);
            if (endpointId == null) {
                counts.read(c, "");
            } else {
                counts.read(c, "endpoint_id = ?", endpointId);
            }
            return linked + counts.total() + countRaw(c, endpointId, from, wholeFrom)
                    + countRaw(c, endpointId, wholeTo, to);
        });
    }

    /**
     * Rows in {@code [from, to)} that an outlier or a profile links to (what retention keeps of old days),
     * within the id range the export reads.
     */
    private static long countLinked(java.sql.Connection c, Long endpointId, long from, long to)
            throws java.sql.SQLException {
        if (from >= to) {
            return 0;
        }
        long[] ids = idBounds(c, endpointId, from, to);
        if (ids == null) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM request WHERE id >= ? AND id <= ? "
                + "AND id IN (SELECT request_id FROM outlier UNION SELECT request_id FROM profile) "
                + "AND started_ms >= ? AND started_ms < ?" + (endpointId == null ? "" : " AND endpoint_id = ?"))) {
            long fromMs = EpochMicros.startedMsBound(from);
            long toMs = EpochMicros.startedMsBound(to);
            Reads.bind(ps, endpointId == null ? new Object[] {ids[0], ids[1], fromMs, toMs}
                    : new Object[] {ids[0], ids[1], fromMs, toMs, endpointId});
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Raw rows in {@code [from, to)}, a range of minutes, found by the id range of its hours. */
    private static long countRaw(java.sql.Connection c, Long endpointId, long from, long to)
            throws java.sql.SQLException {
        if (from >= to) {
            return 0;
        }
        long[] ids = idBounds(c, endpointId, from, to);
        if (ids == null) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM request WHERE id >= ? AND id <= ? "
                + "AND started_ms >= ? AND started_ms < ?" + (endpointId == null ? "" : " AND endpoint_id = ?"))) {
            long fromMs = EpochMicros.startedMsBound(from);
            long toMs = EpochMicros.startedMsBound(to);
            Reads.bind(ps, endpointId == null ? new Object[] {ids[0], ids[1], fromMs, toMs}
                    : new Object[] {ids[0], ids[1], fromMs, toMs, endpointId});
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * When the oldest raw request that no outlier or profile links to started: retention deletes every row
     * before it but those. Empty when there is none.
     */
    private static java.util.Optional<java.time.Instant> oldestUnlinked(java.sql.Connection c)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(started_ms) FROM (SELECT started_ms FROM request r "
                + "WHERE NOT EXISTS (SELECT 1 FROM outlier o WHERE o.request_id = r.id) "
                + "AND NOT EXISTS (SELECT 1 FROM profile p WHERE p.request_id = r.id) ORDER BY id LIMIT 1000) f");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long millis = rs.getLong(1);
            return rs.wasNull() ? java.util.Optional.empty() : java.util.Optional.of(java.time.Instant.ofEpochMilli(millis));
        }
    }

    /** When the oldest raw request kept started; empty when none is. */
    java.util.Optional<java.time.Instant> oldest() {
        return reads.read("the oldest stored request", RequestExport::oldestUnlinked);
    }

    /** @param endpoint null for all endpoints; @return the number of rows given to the sink */
    long export(String endpoint, TimeRange range, RequestSink sink) throws IOException {
        try {
            return reads.readExport("requests to export", c -> {
                Long endpointId = endpoint == null ? null : Reads.endpointId(c, endpoint);
                long[] ids = idBounds(c, endpointId, range.fromMicros(), range.toMicros());
                if (ids == null) {
                    return 0L;
                }
                String sql = "SELECT " + StatusQueries.REQUEST_COLUMNS + StatusQueries.REQUEST_FROM
                        + " WHERE r.id >= ? AND r.id <= ? AND r.started_ms >= ? AND r.started_ms < ?"
                        + (endpointId == null ? "" : " AND r.endpoint_id = ?") + " ORDER BY r.id";
                long fromMs = EpochMicros.startedMsBound(range.fromMicros());
                long toMs = EpochMicros.startedMsBound(range.toMicros());
                Object[] params = endpointId == null
                        ? new Object[] {ids[0], ids[1], fromMs, toMs}
                        : new Object[] {ids[0], ids[1], fromMs, toMs, endpointId};
                long n = 0;
                try (PreparedStatement ps = c.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY)) {
                    ps.setFetchSize(FETCH_SIZE);
                    Reads.bind(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            try {
                                sink.accept(StatusQueries.row(rs));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                            n++;
                        }
                    }
                }
                return n;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause(); // the client went away: its problem, not the store's
        }
    }

    /** The smallest and largest request id of the hours the range touches; null when it has no requests. */
    static long[] idBounds(java.sql.Connection c, Long endpointId, long from, long to)
            throws java.sql.SQLException {
        HourCounts hours = new HourCounts(from, to);
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(first_id), MAX(last_id) FROM rollup_hour "
                + "WHERE hour >= ? AND hour < ?" + (endpointId == null ? "" : " AND endpoint_id = ?"))) {
            Reads.bind(ps, endpointId == null ? new Object[] {hours.firstHour(), hours.endHour()}
                    : new Object[] {hours.firstHour(), hours.endHour(), endpointId});
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long lo = rs.getLong(1);
                return rs.wasNull() ? null : new long[] {lo, rs.getLong(2)};
            }
        }
    }
}
