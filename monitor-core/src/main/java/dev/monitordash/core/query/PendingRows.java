package dev.monitordash.core.query;

import dev.monitordash.core.store.EpochMicros;

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

    /**
     * The endpoint's pending rows with a start in {@code [from, to)}: the watermarks first, then one id-range
     * read per origin with rows pending (a join would let the database scan the whole table instead).
     */
    static List<Row> of(Connection c, long endpointId, long from, long to) throws SQLException {
        List<long[]> pending = new ArrayList<>(); // {origin, rolled_up_to, written_to}
        try (PreparedStatement ps = c.prepareStatement("SELECT origin_id, rolled_up_to, written_to FROM "
                + "rollup_progress WHERE rolled_up_to < written_to");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                pending.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)});
            }
        }
        List<Row> out = new ArrayList<>();
        if (pending.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT r.started_ms, r.duration, k.status, r.user_id, "
                + "r.client_id FROM request r JOIN request_kind k ON k.id = r.kind WHERE r.id > ? AND r.id <= ? "
                + "AND r.origin_id = ? AND r.endpoint_id = ? AND r.started_ms >= ? AND r.started_ms < ?")) {
            for (long[] p : pending) {
                Reads.bind(ps, p[1], p[2], p[0], endpointId, EpochMicros.startedMsBound(from),
                        EpochMicros.startedMsBound(to));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Row(rs.getLong(1) * 1_000, rs.getLong(2), rs.getInt(3), p[0], rs.getLong(4),
                                rs.getLong(5)));
                    }
                }
            }
        }
        return out;
    }
}
