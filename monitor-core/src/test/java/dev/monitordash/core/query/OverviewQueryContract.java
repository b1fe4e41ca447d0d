package dev.monitordash.core.query;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static dev.monitordash.core.testing.Records.ORIGIN;
import static dev.monitordash.core.testing.Records.endpoint;
import static dev.monitordash.core.testing.Records.micros;
import static dev.monitordash.core.testing.Records.withStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The overview's numbers, exact on hand-built data; subclasses run it on SQLite and PostgreSQL. */
abstract class OverviewQueryContract {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** 12:00 in New York (EDT, UTC-4): local midnight is 04:00 UTC, on the same UTC date. */
    static final Instant NOW = Instant.parse("2025-06-15T16:00:00Z");
    static final Instant NEW_YORK_MIDNIGHT = Instant.parse("2025-06-15T04:00:00Z");

    protected abstract TestDatabase database();

    JdbcStore store;

    JdbcStore open(Instant now) {
        store = JdbcStore.open(database().config(database().freshUrl()).build(), Clock.fixed(now, ZoneOffset.UTC));
        return store;
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void countsHitsTodaySevenDaysAndTotalWithExactMedianAndErrorsPerEndpoint() {
        JdbcStore s = open(NOW);
        Endpoint a = endpoint("/a");
        Endpoint b = endpoint("/b");
        long now = micros(NOW);
        long midnight = micros(NEW_YORK_MIDNIGHT);
        long week = Duration.ofDays(7).toNanos() / 1_000;
        s.writeBatch(List.of(
                withStatus(a, midnight - 1, 1_000, 200),           // yesterday in New York, today in UTC
                withStatus(a, midnight, 3_000, 404),               // first microsecond of today
                withStatus(a, now - 3_600_000_000L, 2_000, 500),   // an hour ago
                withStatus(a, now - 3 * 86_400_000_000L, 7_000, 200),
                withStatus(a, now - 8 * 86_400_000_000L, 5_000, 302),
                withStatus(b, now - week, 1_000, 200),             // exactly 7 days ago: inside
                withStatus(b, now - week - 1, 2_000, 399),         // just outside
                withStatus(b, now - 10 * 86_400_000_000L, 3_000, 200),
                withStatus(b, now - 10 * 86_400_000_000L, 10_000, 200)), ORIGIN);
        s.saveEndpoint("/c", "CServlet", 1, NOW.minusSeconds(60), "1.0");

        List<OverviewRow> rows = s.queries().overview(NEW_YORK);

        // Medians come from the daily sketches: within 1 % (see SketchBoxPlots); all else is exact.
        assertEquals(List.of(
                new OverviewRow("/a", 2, 4, 5, rows.get(0).medianMillis(), 2, NOW.minusSeconds(3_600)),
                new OverviewRow("/b", 0, 1, 4, rows.get(1).medianMillis(), 0, NOW.minus(Duration.ofDays(7))),
                new OverviewRow("/c", 0, 0, 0, Double.NaN, 0, null)), rows);
        SketchAssertions.assertClose(3.0, rows.get(0).medianMillis(), "median of /a");
        SketchAssertions.assertClose(2.5, rows.get(1).medianMillis(), "median of /b");
    }

    @Test
    void todayFollowsTheZoneGivenToTheQuery() {
        JdbcStore s = open(NOW);
        Endpoint a = endpoint("/a");
        long utcMidnight = micros(Instant.parse("2025-06-15T00:00:00Z"));
        s.writeBatch(List.of(
                Records.get(a, utcMidnight - 1, 1),
                Records.get(a, utcMidnight + 1, 1),
                Records.get(a, micros(NEW_YORK_MIDNIGHT) + 1, 1)), ORIGIN);

        assertEquals(2, s.queries().overview(ZoneOffset.UTC).get(0).hitsToday());
        assertEquals(1, s.queries().overview(NEW_YORK).get(0).hitsToday());
        assertEquals(0, s.queries().overview(ZoneId.of("Pacific/Kiritimati")).get(0).hitsToday(),
                "UTC+14: today began at 10:00 UTC");
    }

    @Test
    void todayStartsAtTheFirstValidLocalTimeOnADayWhoseMidnightDoesNotExist() {
        // Sao Paulo skipped from 00:00 to 01:00 on 2018-11-04: that day began at 01:00-02:00 = 03:00 UTC.
        ZoneId saoPaulo = ZoneId.of("America/Sao_Paulo");
        JdbcStore s = open(Instant.parse("2018-11-04T15:00:00Z"));
        long dayStart = micros(Instant.parse("2018-11-04T03:00:00Z"));
        Endpoint a = endpoint("/a");
        s.writeBatch(List.of(Records.get(a, dayStart - 1, 1), Records.get(a, dayStart, 1)), ORIGIN);

        assertEquals(1, s.queries().overview(saoPaulo).get(0).hitsToday());
    }

    @Test
    void medianOfASingleRequestIsItsDurationInMilliseconds() {
        JdbcStore s = open(NOW);
        s.writeBatch(List.of(Records.get(endpoint("/one"), micros(NOW), 1_234)), ORIGIN);

        OverviewRow row = s.queries().overview(NEW_YORK).get(0);
        assertEquals(1.234, row.medianMillis(), 1e-12);
        assertEquals(NOW, row.lastRequested());
    }
}
