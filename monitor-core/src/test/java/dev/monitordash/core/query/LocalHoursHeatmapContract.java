package dev.monitordash.core.query;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.EpochMicros;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Local days and hours from UTC hour rollups: across both daylight saving changes of Amsterdam (a 23- and a
 * 25-hour day) and in zones offset by 5:30 (Kolkata) and 5:45 (Kathmandu), every request is counted in its
 * own local day and hour, exactly, because each hour row keeps its quarter-hour counts. Subclasses run it on
 * SQLite and PostgreSQL.
 */
abstract class LocalHoursHeatmapContract extends AnalyticsStoreFixture {

    static final Endpoint A = Records.endpoint("/a");
    static final Endpoint B = Records.endpoint("/b");
    /** Not a divisor of any quarter hour: over a few days the requests fall on every minute of the hour. */
    static final long STEP_MICROS = (7 * 60 + 13) * 1_000_000L;

    /** A request every 7 min 13 s from the day before {@code first} to the day after {@code last} (UTC). */
    List<RequestRecord> writeAround(LocalDate first, LocalDate last) {
        long from = EpochMicros.of(first.minusDays(1).atStartOfDay(ZoneId.of("UTC")).toInstant());
        long to = EpochMicros.of(last.plusDays(2).atStartOfDay(ZoneId.of("UTC")).toInstant());
        List<RequestRecord> all = new ArrayList<>();
        int i = 0;
        for (long t = from; t < to; t += STEP_MICROS, i++) {
            all.add(new RequestRecord(i % 3 == 0 ? B : A, t, 1_000_000, "GET", 200, i % 2 == 0 ? "ann" : "bob", null));
        }
        for (int start = 0; start < all.size(); start += 500) {
            store.writeBatch(all.subList(start, Math.min(all.size(), start + 500)), Records.ORIGIN);
        }
        return all;
    }

    /** The heatmap counted one request at a time with java.time. */
    static Map<LocalDate, long[]> expected(List<RequestRecord> requests, LocalDate first, LocalDate last, ZoneId zone,
            String endpoint, String user) {
        Map<LocalDate, long[]> days = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.put(d, new long[24]);
        }
        for (RequestRecord r : requests) {
            if ((endpoint == null || r.endpoint().name().equals(endpoint)) && (user == null || user.equals(r.user()))) {
                ZonedDateTime local = EpochMicros.toInstant(r.startEpochMicros()).atZone(zone);
                long[] hours = days.get(local.toLocalDate());
                if (hours != null) {
                    hours[local.getHour()]++;
                }
            }
        }
        return days;
    }

    static void assertHeatmap(Map<LocalDate, long[]> expected, HourlyHeatmap actual) {
        assertEquals(List.copyOf(expected.keySet()), actual.days().stream().map(HourlyHeatmap.Day::date).toList());
        for (HourlyHeatmap.Day day : actual.days()) {
            assertArrayEquals(expected.get(day.date()), day.hours(), actual.zone() + " " + day.date());
        }
    }

    @ParameterizedTest(name = "{0} {1}..{2}")
    @CsvSource({"Europe/Amsterdam, 2025-03-29, 2025-03-31", "Europe/Amsterdam, 2025-10-25, 2025-10-27",
            "Asia/Kolkata, 2025-06-09, 2025-06-11", "Asia/Kathmandu, 2025-06-09, 2025-06-11"})
    void heatmapsCountEachRequestInItsLocalDayAndHour(String zoneId, LocalDate first, LocalDate last) {
        AnalyticsQueries q = open();
        ZoneId zone = ZoneId.of(zoneId);
        List<RequestRecord> requests = writeAround(first, last);

        assertHeatmap(expected(requests, first, last, zone, "/a", null), q.endpointHeatmap("/a", first, last, zone));
        assertHeatmap(expected(requests, first, last, zone, null, null), q.loadHeatmap(first, last, zone));
        DailyHits daily = q.dailyHits(first, last, zone);
        for (DailyHits.Series s : daily.endpoints()) {
            long[] perDay = expected(requests, first, last, zone, s.endpoint(), null).values().stream()
                    .mapToLong(h -> java.util.Arrays.stream(h).sum()).toArray();
            assertArrayEquals(perDay, s.hits(), s.endpoint());
        }
        TimeRange localDays = TimeRange.days(first, last, zone);
        long inRange = requests.stream().filter(r -> r.startEpochMicros() >= EpochMicros.of(localDays.from())
                && r.startEpochMicros() < EpochMicros.of(localDays.to())).count();
        assertEquals(inRange, q.countRequests(null, localDays), "export count of the local days");
        if (zone.getRules().getOffset(localDays.from()).getTotalSeconds() % 3_600 == 0) {
            // Of one user, from the daily user rollups' UTC hours: exact where local hours are whole UTC hours.
            store.catchUp();
            assertHeatmap(expected(requests, first, last, zone, "/a", "ann"),
                    q.endpointHeatmap("/a", first, last, zone, "ann"));
        }
    }

    @Test
    void hourRowsKeepTheirQuarterHourCounts() throws Exception {
        open();
        long hour = EpochMicros.of(Instant.parse("2025-06-10T10:00:00Z"));
        long minute = 60_000_000L;
        List<RequestRecord> requests = new ArrayList<>();
        for (long m : new long[] {5, 14, 20, 35, 50, 52, 59}) {
            requests.add(Records.get(A, hour + m * minute, 1));
        }
        store.writeBatch(requests, Records.ORIGIN);

        String row = "SELECT %s FROM rollup_hour WHERE hour = " + hour / 3_600_000_000L;
        assertEquals(7, Sql.longValue(database(), url, row.formatted("requests")));
        assertEquals(1, Sql.longValue(database(), url, row.formatted("quarter_2")));
        assertEquals(1, Sql.longValue(database(), url, row.formatted("quarter_3")));
        assertEquals(3, Sql.longValue(database(), url, row.formatted("quarter_4")));
    }

    @Test
    void todayOfTheOverviewStartsAtLocalMidnightOfAZoneOffsetByAQuarterHour() {
        open();
        // NOW is 18:15 in Kathmandu (+05:45): today began at 18:15 UTC the day before.
        Instant midnight = Instant.parse("2025-11-09T18:15:00Z");
        store.writeBatch(List.of(Records.get(A, EpochMicros.of(midnight.minusSeconds(1)), 1),
                Records.get(A, EpochMicros.of(midnight), 1), Records.get(A, EpochMicros.of(midnight.plusSeconds(60)), 1),
                Records.get(A, EpochMicros.of(NOW.minusSeconds(1)), 1)), Records.ORIGIN);

        OverviewRow a = store.queries().overview(ZoneId.of("Asia/Kathmandu")).get(0);

        assertEquals(3, a.hitsToday());
        assertEquals(4, a.hitsLast7Days());
    }
}
