package dev.monitordash.core.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Request counts per quarter hour within {@code [from, to)}, from {@code rollup_hour} rows: each row keeps
 * how many of its requests fell in its 2nd, 3rd and 4th quarter, so that the counts of any range aligned
 * to quarter hours are exact (local days of zones offset by 30 or 45 minutes, "today" after midnight). The
 * caller maps each quarter's start to its local day and hour.
 */
final class HourCounts {

    private static final long QUARTER = RollupSpan.HOUR_MICROS / 4;

    private final long from;
    private final long to;
    private final long base; // start of the quarter hour holding from
    private long[] slots = new long[96]; // requests per quarter hour from base, grown as needed
    private final TreeMap<Long, long[]> instants = new TreeMap<>(); // counts at other instants (addHour)

    HourCounts(long fromMicros, long toMicros) {
        this.from = fromMicros;
        this.to = toMicros;
        this.base = Math.floorDiv(fromMicros, QUARTER) * QUARTER;
    }

    long firstHour() {
        return Math.floorDiv(from, RollupSpan.HOUR_MICROS);
    }

    long endHour() {
        return Math.floorDiv(to + RollupSpan.HOUR_MICROS - 1, RollupSpan.HOUR_MICROS);
    }

    /** Reads the hours overlapping the range, of the rows matching {@code where} (empty: all endpoints). */
    void read(Connection c, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT hour, SUM(requests), SUM(quarter_2), SUM(quarter_3), "
                + "SUM(quarter_4) FROM rollup_hour WHERE hour >= ? AND hour < ?" + (where.isEmpty() ? "" : " AND " + where)
                + " GROUP BY hour")) {
            Reads.bind(ps, BoxPlotReader.concat(new Object[] {firstHour(), endHour()}, params));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    addQuarters(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                }
            }
        }
    }

    /** Every endpoint's counts in the range, by name. */
    static Map<String, HourCounts> perEndpoint(Connection c, long from, long to) throws SQLException {
        Map<String, HourCounts> out = new HashMap<>();
        HourCounts probe = new HourCounts(from, to);
        try (PreparedStatement ps = c.prepareStatement("SELECT e.name, g.hour, g.n, g.q2, g.q3, g.q4 FROM "
                + "(SELECT endpoint_id, hour, SUM(requests) AS n, SUM(quarter_2) AS q2, SUM(quarter_3) AS q3, "
                + "SUM(quarter_4) AS q4 FROM rollup_hour WHERE hour >= ? AND hour < ? GROUP BY endpoint_id, hour) g "
                + "JOIN endpoint e ON e.id = g.endpoint_id")) {
            Reads.bind(ps, probe.firstHour(), probe.endHour());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new HourCounts(from, to))
                            .addQuarters(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
                }
            }
        }
        return out;
    }

    void addQuarters(long hour, long requests, long q2, long q3, long q4) {
        long start = hour * RollupSpan.HOUR_MICROS;
        long[] quarters = {requests - q2 - q3 - q4, q2, q3, q4};
        for (int q = 0; q < 4; q++) {
            long s = start + q * QUARTER;
            if (quarters[q] != 0 && s >= from && s < to) {
                int i = (int) ((s - base) / QUARTER);
                if (i >= slots.length) {
                    slots = java.util.Arrays.copyOf(slots, Math.max(i + 1, slots.length * 2));
                }
                slots[i] += quarters[q];
            }
        }
    }

    /** Adds {@code n} requests at an instant (epoch µs) known to be inside the range. */
    void addHour(long atMicros, long n) {
        instants.computeIfAbsent(atMicros, k -> new long[1])[0] += n;
    }

    long total() {
        long sum = 0;
        for (long n : slots) {
            sum += n;
        }
        for (long[] n : instants.values()) {
            sum += n[0];
        }
        return sum;
    }

    /** (start in epoch µs, requests): the quarter hours in time order, then the instants of addHour. */
    void forEach(BiConsumer<Long, Long> sink) {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] != 0) {
                sink.accept(base + i * QUARTER, slots[i]);
            }
        }
        instants.forEach((start, n) -> sink.accept(start, n[0]));
    }
}
