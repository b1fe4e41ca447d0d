package dev.monitordash.core.query;

import dev.monitordash.core.rollup.Lenient;
import dev.monitordash.core.rollup.HourSlots;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Counts over time: the per-endpoint and application-wide hour × day heatmaps, daily hits per endpoint
 * and the last two days hour by hour, all from {@code rollup_hour} (a month of one endpoint is ≤ 720 rows per
 * origin, whatever the number of requests). Each hour row keeps its quarter-hour counts, so local days and
 * hours are exact in every zone, DST and 30- or 45-minute offsets included ({@link HourCounts}). Of one user,
 * the counts come from the user's daily rollup (per UTC hour) and the rows not rolled up yet.
 */
final class HeatmapQueries {

    /** The hourly series covers the current hour and the 47 before it. */
    static final int SERIES_HOURS = 48;

    private final Reads reads;
    private final Clock clock;

    HeatmapQueries(Reads reads, Clock clock) {
        this.reads = reads;
        this.clock = clock;
    }

    HourlyHeatmap endpointHeatmap(String endpoint, LocalDate first, LocalDate last, ZoneId zone, UserFilter user) {
        TimeRange range = TimeRange.days(first, last, zone);
        return reads.read("the heatmap of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            HourCounts counts = new HourCounts(range.fromMicros(), range.toMicros());
            if (user.user() == null) {
                counts.read(c, "endpoint_id = ?", id);
            } else {
                userHours(c, id, user.user(), range, (startMicros, slots, hour) ->
                        counts.addHour(startMicros, slots.count(hour)));
            }
            return heatmap(counts, first, last, zone);
        });
    }

    HourlyHeatmap loadHeatmap(LocalDate first, LocalDate last, ZoneId zone) {
        TimeRange range = TimeRange.days(first, last, zone);
        return reads.read("the load heatmap", c -> {
            HourCounts counts = new HourCounts(range.fromMicros(), range.toMicros());
            counts.read(c, "", new Object[0]);
            return heatmap(counts, first, last, zone);
        });
    }

    private static HourlyHeatmap heatmap(HourCounts counts, LocalDate first, LocalDate last, ZoneId zone) {
        Map<LocalDate, long[]> days = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.put(d, new long[24]);
        }
        counts.forEach((startMicros, n) -> {
            ZonedDateTime local = Instant.EPOCH.plus(startMicros, ChronoUnit.MICROS).atZone(zone);
            long[] hours = days.get(local.toLocalDate());
            if (hours != null) {
                hours[local.getHour()] += n;
            }
        });
        List<HourlyHeatmap.Day> out = new ArrayList<>(days.size());
        days.forEach((d, h) -> out.add(new HourlyHeatmap.Day(d, h)));
        return new HourlyHeatmap(zone.getId(), out);
    }

    DailyHits dailyHits(LocalDate first, LocalDate last, ZoneId zone) {
        TimeRange range = TimeRange.days(first, last, zone);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(d);
        }
        return reads.read("daily hits", c -> {
            Map<String, long[]> series = new TreeMap<>();
            Map<Long, Integer> dayOf = new java.util.HashMap<>(); // quarter start -> day index, for all endpoints
            for (Map.Entry<String, HourCounts> e : HourCounts.perEndpoint(c, range.fromMicros(), range.toMicros())
                    .entrySet()) {
                long[] hits = new long[days.size()];
                e.getValue().forEach((startMicros, n) -> {
                    int index = dayOf.computeIfAbsent(startMicros, s -> (int) ChronoUnit.DAYS.between(first,
                            Instant.EPOCH.plus(s, ChronoUnit.MICROS).atZone(zone).toLocalDate()));
                    if (index >= 0 && index < hits.length) {
                        hits[index] += n;
                    }
                });
                series.put(e.getKey(), hits);
            }
            List<DailyHits.Series> out = new ArrayList<>();
            series.forEach((name, hits) -> out.add(new DailyHits.Series(name, hits)));
            return new DailyHits(days, out);
        });
    }

    /**
     * The current hour and the 47 before it, oldest first, each with its count and min/mean/max. The hours
     * are UTC hours, which are the local hours in every zone offset by whole hours; in a zone offset by 30
     * or 45 minutes each bar starts at :30 or :45 local time.
     */
    List<HourStats> lastTwoDays(String endpoint, ZoneId zone, UserFilter user) {
        long currentHour = Math.floorDiv(dev.monitordash.core.store.EpochMicros.of(clock.instant()),
                RollupSpan.HOUR_MICROS);
        long firstHour = currentHour - SERIES_HOURS + 1;
        return reads.read("the hourly series of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            Map<Long, long[]> hours = new LinkedHashMap<>(); // hour -> {count, min, sum, max}
            for (long h = firstHour; h <= currentHour; h++) {
                hours.put(h, new long[] {0, Long.MAX_VALUE, 0, Long.MIN_VALUE});
            }
            if (user.user() == null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT hour, SUM(requests), MIN(fastest), SUM(total), "
                        + "MAX(slowest) FROM rollup_hour WHERE hour >= ? AND hour <= ? AND endpoint_id = ? GROUP BY hour")) {
                    Reads.bind(ps, firstHour, currentHour, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            add(hours.get(rs.getLong(1)), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5));
                        }
                    }
                }
            } else {
                TimeRange range = new TimeRange(hourStart(firstHour), hourStart(currentHour + 1));
                userHours(c, id, user.user(), range, (startMicros, slots, hour) -> add(
                        hours.get(Math.floorDiv(startMicros, RollupSpan.HOUR_MICROS)), slots.count(hour),
                        slots.min(hour), slots.sum(hour), slots.max(hour)));
            }
            List<HourStats> out = new ArrayList<>(SERIES_HOURS);
            hours.forEach((hour, h) -> out.add(h[0] == 0
                    ? new HourStats(hourStart(hour), 0, Double.NaN, Double.NaN, Double.NaN)
                    : new HourStats(hourStart(hour), h[0], h[1] / 1_000.0, h[2] / (double) h[0] / 1_000.0,
                            h[3] / 1_000.0)));
            return out;
        });
    }

    private static void add(long[] h, long count, long min, long sum, long max) {
        if (h == null || count == 0) {
            return;
        }
        h[0] += count;
        h[1] = Math.min(h[1], min);
        h[2] += sum;
        h[3] = Math.max(h[3], max);
    }

    private static Instant hourStart(long hour) {
        return Instant.ofEpochSecond(hour * 3_600);
    }

    /** Sees one UTC hour of a user's requests: its start (epoch µs) and the slots holding it. */
    @FunctionalInterface
    private interface UserHour {
        void accept(long startMicros, HourSlots slots, int hour);
    }

    /**
     * Every non-empty UTC hour of the user's requests of the endpoint in the range's days, from the daily
     * user rollups plus the rows not rolled up yet. Hours outside the range are left out.
     */
    private static void userHours(Connection c, long endpointId, String user, TimeRange range, UserHour sink)
            throws SQLException {
        OptionalLong userId = UserIds.user(c, user);
        if (userId.isEmpty()) {
            return;
        }
        RollupSpan span = RollupSpan.of(range);
        Map<Long, HourSlots> days = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT day, hours FROM rollup_user WHERE endpoint_id = ? "
                + "AND day >= ? AND day < ? AND user_id = ?")) {
            Reads.bind(ps, endpointId, span.firstTouchedDay(), span.endTouchedDay(), userId.getAsLong());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    HourSlots slots = Lenient.hours(rs.getBytes(2));
                    days.merge(rs.getLong(1), slots, (a, b) -> {
                        a.merge(b);
                        return a;
                    });
                }
            }
        }
        for (PendingRows.Row r : PendingRows.of(c, endpointId, range.fromMicros(), range.toMicros())) {
            if (r.userId() == userId.getAsLong()) {
                days.computeIfAbsent(r.day(), d -> new HourSlots()).add(r.hourOfDay(), r.duration());
            }
        }
        long from = range.fromMicros();
        long to = range.toMicros();
        days.forEach((day, slots) -> {
            for (int hour = 0; hour < 24; hour++) {
                long start = day * RollupSpan.DAY_MICROS + hour * RollupSpan.HOUR_MICROS;
                // Counted where the hour's middle falls: whole-hour zones exactly, :30 and :45 zones nearly.
                long middle = start + RollupSpan.HOUR_MICROS / 2;
                if (slots.count(hour) > 0 && middle >= from && middle < to) {
                    sink.accept(start + (middle - start), slots, hour);
                }
            }
        });
    }
}
