package dev.monitordash.core.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw rows of one endpoint that the user and client rollups do not hold yet: those above each origin's
 * watermark ({@code rollup_progress}), normally the last seconds of traffic. Views over users and clients
 * add them, so they are exact the moment a batch is written. Read by id range per origin, never by time.
 */
final class PendingRows {

    /** One pending request; user and client 0 when the request had none. */
    record Row(long startedAt, long duration, int status, long originId, long userId, long clientId) {

        long day() {
            return Math.floorDiv(startedAt, RollupSpan.DAY_MICROS);
        }

        int hourOfDay() {
            return (int) (Math.floorMod(startedAt, RollupSpan.DAY_MICROS) / RollupSpan.HOUR_MICROS);
        }
    }

    private PendingRows() {
    }

    /** The endpoint's pending rows with a start in {@code [from, to)}. */
    static List<Row> of(Connection c, long endpointId, long from, long to) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.started_at, r.duration, r.status, r.origin_id, "
                + "r.user_id, r.client_id FROM rollup_progress p JOIN request r ON r.origin_id = p.origin_id "
                + "AND r.id > p.rolled_up_to AND r.id <= p.written_to WHERE p.rolled_up_to < p.written_to "
                + "AND r.endpoint_id = ? AND r.started_at >= ? AND r.started_at < ?")) {
            Reads.bind(ps, endpointId, from, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6)));
                }
            }
        }
        return out;
    }
}
