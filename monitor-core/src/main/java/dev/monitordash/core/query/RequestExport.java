package dev.monitordash.core.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Streams stored requests to a sink row by row from a JDBC cursor, oldest first: memory stays flat
 * however many rows the range holds. PostgreSQL streams only inside a transaction with a fetch size
 * (the snapshot connection has auto-commit off); SQLite steps through its result one row at a time anyway.
 * {@link #count} selects the same rows, so a client can show an export's progress against its total.
 */
final class RequestExport {

    /** Rows per round trip to PostgreSQL; ~150 bytes each. */
    static final int FETCH_SIZE = 1_000;

    private final Reads reads;

    RequestExport(Reads reads) {
        this.reads = reads;
    }

    /**
     * How many rows {@link #export} would send for the same selection; counted from the time indexes
     * (request_started, request_endpoint_time) without reading the rows.
     */
    long count(String endpoint, TimeRange range) {
        return reads.read("the number of requests to export", c -> {
            String sql = "SELECT COUNT(*) FROM request WHERE " + (endpoint == null ? "" : "endpoint_id = ? AND ")
                    + "started_at >= ? AND started_at < ?";
            Object[] params = endpoint == null
                    ? new Object[] {range.fromMicros(), range.toMicros()}
                    : new Object[] {Reads.endpointId(c, endpoint), range.fromMicros(), range.toMicros()};
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                Reads.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** @param endpoint null for all endpoints; @return the number of rows given to the sink */
    long export(String endpoint, TimeRange range, RequestSink sink) throws IOException {
        try {
            return reads.read("requests to export", c -> {
                String sql;
                Object[] params;
                if (endpoint == null) {
                    sql = "SELECT " + StatusQueries.REQUEST_COLUMNS + " FROM request r JOIN endpoint e "
                            + "ON e.id = r.endpoint_id WHERE r.started_at >= ? AND r.started_at < ? "
                            + "ORDER BY r.started_at, r.id";
                    params = new Object[] {range.fromMicros(), range.toMicros()};
                } else {
                    sql = "SELECT " + StatusQueries.REQUEST_COLUMNS + " FROM request r JOIN endpoint e "
                            + "ON e.id = r.endpoint_id WHERE r.endpoint_id = ? AND r.started_at >= ? "
                            + "AND r.started_at < ? ORDER BY r.started_at, r.id";
                    params = new Object[] {Reads.endpointId(c, endpoint), range.fromMicros(), range.toMicros()};
                }
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
}
