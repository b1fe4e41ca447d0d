package dev.monitordash.core.query;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.EpochMicros;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.Sql;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The requirement that no view reads raw request rows for a range longer than a day: every view
 * over ranges gives the same answer after the raw rows older than a day are deleted, and the only statements
 * of the views that read the request table at all are bounded by an id range (the rows not rolled up yet)
 * or go through the partial index of failed requests. Subclasses run it on SQLite and PostgreSQL.
 */
abstract class ViewsWithoutRawRowsContract extends AnalyticsStoreFixture {

    static final List<String> ENDPOINTS = List.of("/a", "/b", "/c");
    static final List<String> USERS = List.of("ann", "bob", "cy", "dee");
    static final List<String> VERSIONS = List.of("1.0", "2.0", "3.0");
    /** The ten local days up to NOW's, in Amsterdam. */
    static final LocalDate FIRST = LocalDate.parse("2025-11-01");
    static final LocalDate LAST = LocalDate.parse("2025-11-10");
    /** A raw read is bounded by an id range or reads the partial index of failed requests. */
    static final Pattern READS_REQUEST = Pattern.compile("(?i)\\b(FROM|JOIN)\\s+request(?![_\\w])");

    /**
     * 300 requests a day for 10 days up to NOW over three endpoints, four users and requests without one,
     * eight client addresses, versions changing every few days (two at once on one day), 4xx and 5xx among them;
     * the user rollups caught up.
     */
    void writeTenDays() {
        SplittableRandom random = new SplittableRandom(42);
        long start = EpochMicros.of(FIRST.atStartOfDay(AMSTERDAM).toInstant());
        long end = EpochMicros.of(NOW);
        long perDay = 86_400_000_000L;
        for (int day = 0; start + day * perDay < end; day++) {
            List<RequestRecord> main = new ArrayList<>();
            List<RequestRecord> other = new ArrayList<>();
            long dayStart = start + day * perDay;
            long dayLength = Math.min(perDay, end - dayStart);
            for (int i = 0; i < 300; i++) {
                Endpoint e = Records.endpoint(ENDPOINTS.get(random.nextInt(ENDPOINTS.size())));
                int u = random.nextInt(USERS.size() + 1);
                int roll = random.nextInt(100);
                int status = roll < 3 ? 500 : roll < 8 ? 404 : 200;
                long durationMicros = 500 + (long) (random.nextDouble() * random.nextDouble() * 80_000);
                RequestRecord r = new RequestRecord(e, dayStart + random.nextLong(dayLength), durationMicros * 1_000,
                        "GET", status, u == USERS.size() ? null : USERS.get(u), "10.0.0." + random.nextInt(8));
                (day == 5 && i % 3 == 0 ? other : main).add(r);
            }
            store.writeBatch(main, new Origin(VERSIONS.get(Math.min(2, day / 4)), "shop", "node-1"));
            if (!other.isEmpty()) {
                store.writeBatch(other, new Origin("1.0", "shop", "node-2"));
            }
        }
        store.catchUp();
    }

    Map<String, String> allViews(DashboardQueries dashboard) {
        return AllViews.of(dashboard, AMSTERDAM, FIRST, LAST, ENDPOINTS, USERS, VERSIONS);
    }

    @Test
    void everyViewIsTheSameAfterRawRowsOlderThanADayAreDeleted() throws Exception {
        open();
        writeTenDays();
        Map<String, String> before = allViews(store.queries());
        assertTrue(before.get("overview").contains("hitsTotal="), before.get("overview"));
        long cutoff = EpochMicros.of(NOW.minus(Duration.ofDays(1)));
        long old = Sql.longValue(database(), url, "SELECT COUNT(*) FROM request WHERE started_ms * 1000 < ?", cutoff);
        assertTrue(old > 2_500, "raw rows to delete: " + old);

        Sql.execute(database(), url, "DELETE FROM request WHERE started_ms * 1000 < " + cutoff);

        Map<String, String> after = allViews(store.queries());
        assertEquals(before.keySet(), after.keySet());
        for (String view : before.keySet()) {
            assertEquals(before.get(view), after.get(view), view);
        }
    }

    @Test
    void viewsReadRawRowsOnlyByIdRangeOrThroughTheIndexOfFailedRequests() {
        open();
        writeTenDays();
        RecordingConnections recording = new RecordingConnections(database(), url);
        // Some rows not rolled up yet, so that the views read them too.
        store.writeBatch(List.of(new RequestRecord(Records.endpoint("/a"), EpochMicros.of(NOW.minusSeconds(60)),
                1_000_000, "GET", 500, "ann", "10.0.0.1")), new Origin("3.0", "shop", "node-1"));

        allViews(new JdbcDashboardQueries(recording, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC)));

        List<RecordingConnections.Executed> raw = rawReads(recording);
        assertTrue(raw.stream().anyMatch(s -> s.sql().contains("r.id > ? AND r.id <= ? AND r.origin_id = ?")),
                "the pending rows were read, by id range per origin");
        for (RecordingConnections.Executed s : raw) {
            assertTrue(s.sql().contains("r.id > ? AND r.id <= ? AND r.origin_id = ?")
                    || s.sql().contains("r.kind < 0"), s.sql());
        }
    }

    static List<RecordingConnections.Executed> rawReads(RecordingConnections recording) {
        return recording.executed().stream().filter(s -> READS_REQUEST.matcher(s.sql()).find()).toList();
    }
}
