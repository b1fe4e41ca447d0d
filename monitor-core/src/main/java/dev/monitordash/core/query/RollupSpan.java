package dev.monitordash.core.query;

import dev.monitordash.core.store.EpochMicros;

/**
 * Which rows a time range {@code [from, to)} reads: its whole UTC days from {@code rollup_day}, its other
 * whole hours from {@code rollup_hour}, so that a 90-day range merges about 90 rows per endpoint and origin,
 * not 2 160; and the minutes before its first and after its last whole hour from the raw rows
 * ({@link #rawEdges}, found by the id range of those hours: at most two hours of raw rows). The dashboard's
 * ranges of local days have no such minutes in zones offset by whole hours; in zones offset by 30 or 45
 * minutes, and for the report's free intervals, the range is still exact.
 *
 * @param firstHour first whole UTC hour number in the range
 * @param endHour   first UTC hour number after the last whole one ({@code <= firstHour}: none)
 * @param firstDay  first whole UTC day; days {@code [firstDay, endDay)} come from rollup_day
 * @param endDay    first day not read whole; empty day span when {@code endDay <= firstDay}
 * @param from      the range's start, epoch µs
 * @param to        the range's end (excluded), epoch µs
 */
record RollupSpan(long firstHour, long endHour, long firstDay, long endDay, long from, long to) {

    static final long HOUR_MICROS = 3_600_000_000L;
    static final long DAY_MICROS = 86_400_000_000L;
    static final int HOURS_PER_DAY = 24;

    static RollupSpan of(TimeRange range) {
        return ofMicros(range.fromMicros(), range.toMicros());
    }

    static RollupSpan ofMicros(long from, long to) {
        long firstHour = Math.floorDiv(from + HOUR_MICROS - 1, HOUR_MICROS);
        long endHour = Math.max(firstHour, Math.floorDiv(to, HOUR_MICROS));
        long firstDay = Math.floorDiv(firstHour + HOURS_PER_DAY - 1, HOURS_PER_DAY);
        long endDay = Math.max(firstDay, Math.floorDiv(endHour, HOURS_PER_DAY));
        return new RollupSpan(firstHour, endHour, firstDay, endDay, from, to);
    }

    /** Hours before the whole days: {@code [firstHour, leadEnd)}. */
    long leadEnd() {
        return endDay > firstDay ? firstDay * HOURS_PER_DAY : endHour;
    }

    /** Hours after the whole days: {@code [trailStart, endHour)}; empty when there are no whole days. */
    long trailStart() {
        return endDay > firstDay ? endDay * HOURS_PER_DAY : endHour;
    }

    /** UTC days the range touches at all: {@code [firstTouchedDay, endTouchedDay)}, for daily user rollups. */
    long firstTouchedDay() {
        return Math.floorDiv(from, DAY_MICROS);
    }

    long endTouchedDay() {
        return Math.floorDiv(to - 1, DAY_MICROS) + 1;
    }

    /**
     * SQL selecting the span's rollup rows of the given columns: whole days from rollup_day, then the whole
     * hours at either end from rollup_hour; {@code where} (may be empty) is ANDed to both. Parameters: see
     * {@link #params}. The minutes outside whole hours come from {@link #rawEdges}.
     */
    static String union(String columns, String where) {
        String and = where.isEmpty() ? "" : " AND " + where;
        return "SELECT " + columns + " FROM rollup_day WHERE day >= ? AND day < ?" + and
                + " UNION ALL SELECT " + columns + " FROM rollup_hour WHERE ((hour >= ? AND hour < ?) "
                + "OR (hour >= ? AND hour < ?))" + and;
    }

    /** The parameters of {@link #union}, with the where clause's own after each part's. */
    Object[] params(Object... whereParams) {
        Object[] out = new Object[6 + 2 * whereParams.length];
        int i = 0;
        out[i++] = firstDay;
        out[i++] = endDay;
        for (Object p : whereParams) {
            out[i++] = p;
        }
        out[i++] = firstHour;
        out[i++] = leadEnd();
        out[i++] = trailStart();
        out[i++] = endHour;
        for (Object p : whereParams) {
            out[i++] = p;
        }
        return out;
    }

    /** Sees one raw request of the range's partial hours. */
    @FunctionalInterface
    interface RawSink {
        void accept(long endpointId, long originId, long startedAt, long duration, int status);
    }

    /**
     * The raw requests of the minutes outside whole hours — {@code [from, firstHour)} and {@code [endHour,
     * to)}, or the whole range when it holds no whole hour — of one endpoint (or all: null), each read by
     * the id range its hour's rollups hold.
     */
    void rawEdges(java.sql.Connection c, Long endpointId, RawSink sink) throws java.sql.SQLException {
        long wholeFrom = firstHour * HOUR_MICROS;
        long wholeTo = endHour * HOUR_MICROS;
        if (endHour <= firstHour) {
            raw(c, endpointId, from, to, sink);
            return;
        }
        raw(c, endpointId, from, wholeFrom, sink);
        raw(c, endpointId, wholeTo, to, sink);
    }

    private static void raw(java.sql.Connection c, Long endpointId, long a, long b, RawSink sink)
            throws java.sql.SQLException {
        if (a >= b) {
            return;
        }
        long[] ids = RequestExport.idBounds(c, endpointId, a, b);
        if (ids == null) {
            return;
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT r.endpoint_id, r.origin_id, r.started_ms, "
                + "r.duration, k.status FROM request r JOIN request_kind k ON k.id = r.kind WHERE r.id >= ? "
                + "AND r.id <= ? AND r.started_ms >= ? AND r.started_ms < ?"
                + (endpointId == null ? "" : " AND r.endpoint_id = ?"))) {
            long aMs = EpochMicros.startedMsBound(a);
            long bMs = EpochMicros.startedMsBound(b);
            Reads.bind(ps, endpointId == null ? new Object[] {ids[0], ids[1], aMs, bMs}
                    : new Object[] {ids[0], ids[1], aMs, bMs, endpointId});
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getLong(1), rs.getLong(2), rs.getLong(3) * 1_000, rs.getLong(4), rs.getInt(5));
                }
            }
        }
    }
}
