package dev.monitordash.core.query;

import dev.monitordash.core.report.Report;
import dev.monitordash.core.report.ReportSettings;
import dev.monitordash.core.report.Reports;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.EpochMicros;
import dev.monitordash.core.testing.Records;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Real clocks and deployments: a batch whose requests started before hours already written (the host's
 * clock stepped back), and a new version starting in the middle of an hour while the old one still
 * drains. Rollups are keyed by hour and origin, not by arrival, so every view counts each request in its
 * own hour and version, before and after the user rollups catch up. Subclasses run it on SQLite and
 * PostgreSQL.
 */
abstract class ClockAndVersionChangeContract extends AnalyticsStoreFixture {

    static final Endpoint A = Records.endpoint("/a");
    static final LocalDate DAY = LocalDate.parse("2025-11-09");
    static final String[] USERS = {"ann", "bob", "cy"};

    /** {@code n} requests of /a from {@code from}, one every 37 s, durations growing with {@code seed}. */
    static List<RequestRecord> requests(String from, int n, int seed) {
        long start = EpochMicros.of(Instant.parse(from));
        List<RequestRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new RequestRecord(A, start + i * 37_000_000L, (1_000L + seed * 100L + i) * 1_000, "GET",
                    i % 6 == 0 ? 500 : 200, USERS[i % 3], "10.0.0." + i % 3));
        }
        return out;
    }

    static <K> Map<K, Long> countBy(List<RequestRecord> rs, Function<RequestRecord, K> key) {
        return rs.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    static int utcHour(RequestRecord r) {
        return EpochMicros.toInstant(r.startEpochMicros()).atZone(ZoneOffset.UTC).getHour();
    }

    @Test
    void aBatchThatStartedBeforeHoursAlreadyWrittenIsCountedInItsOwnHours() throws Exception {
        AnalyticsQueries q = open();
        List<RequestRecord> all = new ArrayList<>();
        List<RequestRecord> first = requests("2025-11-09T10:10:00Z", 150, 1); // 10:10 - 11:42
        List<RequestRecord> stepped = requests("2025-11-09T09:20:00Z", 100, 2); // 09:20 - 10:21, written later
        List<RequestRecord> after = requests("2025-11-09T11:45:00Z", 50, 3);
        for (List<RequestRecord> batch : List.of(first, stepped, after)) {
            store.writeBatch(batch, Records.ORIGIN);
            all.addAll(batch);
        }

        for (boolean caughtUp : new boolean[] {false, true}) {
            String when = caughtUp ? "after catch-up" : "pending";
            long[] hours = new long[24];
            countBy(all, ClockAndVersionChangeContract::utcHour).forEach((h, n) -> hours[h] = n);
            assertEquals(AllViews.text(hours),
                    AllViews.text(q.endpointHeatmap("/a", DAY, DAY, ZoneOffset.UTC).days().get(0).hours()), when);
            assertEquals(AllViews.text(userHours(all, "ann")),
                    AllViews.text(q.endpointHeatmap("/a", DAY, DAY, ZoneOffset.UTC, "ann").days().get(0).hours()), when);
            Map<Long, Long> series = q.lastTwoDays("/a", ZoneOffset.UTC).stream().filter(h -> h.requests() > 0)
                    .collect(Collectors.toMap(h -> h.start().getEpochSecond() / 3_600 % 24, HourStats::requests,
                            Long::sum, TreeMap::new));
            assertEquals(countBy(all, r -> (long) utcHour(r)), series, when);
            assertEquals(all.size(), q.endpointBoxes(ALL).get(0).count(), when);
            assertEquals(countBy(all, RequestRecord::user), q.userBoxes("/a", ALL, null, new TopN(5, TopN.Order.REQUESTS))
                    .boxes().stream().collect(Collectors.toMap(BoxPlot::label, BoxPlot::count, Long::sum, TreeMap::new)),
                    when);
            assertEquals(countBy(all, RequestRecord::status), q.statusCodes("/a", ALL, 1).codes().stream()
                    .collect(Collectors.toMap(StatusCodes.Count::status, StatusCodes.Count::requests, Long::sum,
                            TreeMap::new)), when);
            // 10:00-10:30: rows of the first and the stepped batch, found by the hour's id range.
            TimeRange tenToHalfPast = new TimeRange(Instant.parse("2025-11-09T10:00:00Z"),
                    Instant.parse("2025-11-09T10:30:00Z"));
            long expected = all.stream().filter(r -> r.startEpochMicros() >= EpochMicros.of(tenToHalfPast.from())
                    && r.startEpochMicros() < EpochMicros.of(tenToHalfPast.to())).count();
            assertEquals(expected, q.countRequests("/a", tenToHalfPast), when);
            assertEquals(expected, q.export("/a", tenToHalfPast, r -> { }), when);
            store.catchUp();
        }
    }

    static long[] userHours(List<RequestRecord> all, String user) {
        long[] hours = new long[24];
        countBy(all.stream().filter(r -> user.equals(r.user())).toList(), ClockAndVersionChangeContract::utcHour)
                .forEach((h, n) -> hours[h] = n);
        return hours;
    }

    @Test
    void aVersionStartingMidHourHasEachVersionsRequestsCounted() {
        AnalyticsQueries q = open();
        Origin old = new Origin("1.0", "shop", "node-1");
        Origin fresh = new Origin("2.0", "shop", "node-2");
        List<RequestRecord> before = requests("2025-11-09T10:00:00Z", 40, 1); // 10:00 - 10:24
        List<RequestRecord> deployed = requests("2025-11-09T10:25:00Z", 60, 5); // 10:25 - 11:01
        List<RequestRecord> draining = requests("2025-11-09T10:26:00Z", 20, 2); // the old instance's last
        store.writeBatch(before, old);
        store.writeBatch(deployed, fresh);
        store.writeBatch(draining, old);
        TimeRange hour = new TimeRange(Instant.parse("2025-11-09T10:00:00Z"), Instant.parse("2025-11-09T11:00:00Z"));
        List<RequestRecord> v1 = new ArrayList<>(before);
        v1.addAll(draining);
        long v2InHour = deployed.stream().filter(r -> r.startEpochMicros() < EpochMicros.of(hour.to())).count();

        for (boolean caughtUp : new boolean[] {false, true}) {
            String when = caughtUp ? "after catch-up" : "pending";
            assertEquals(Map.of("1.0", (long) v1.size(), "2.0", (long) deployed.size()), q.versionBoxes("/a", ALL)
                    .stream().collect(Collectors.toMap(VersionBox::version, v -> v.box().count())), when);
            assertEquals(List.of("1.0", "2.0"), q.versionUsage(hour).versions(), when);
            assertEquals(Map.of("1.0", (long) v1.size(), "2.0", v2InHour), q.versionUsage(hour).cells().stream()
                    .collect(Collectors.toMap(VersionUsage.Cell::version, VersionUsage.Cell::requests)), when);
            assertEquals(countBy(deployed, RequestRecord::user), q.userBoxes("/a", ALL, "2.0",
                    new TopN(5, TopN.Order.REQUESTS)).boxes().stream()
                    .collect(Collectors.toMap(BoxPlot::label, BoxPlot::count, Long::sum, TreeMap::new)), when);
            assertEquals(Map.of("1.0", countBy(v1, RequestRecord::user).get("ann"), "2.0",
                    countBy(deployed, RequestRecord::user).get("ann")), q.versionBoxes("/a", ALL, "ann").stream()
                    .collect(Collectors.toMap(VersionBox::version, v -> v.box().count())), when);
            assertEquals(List.of("1.0", "2.0"), q.filterChoices("/a", hour, 5).versions(), when);
            Report r = new Reports(q, ReportSettings.defaults()).compare(new ReportSide("1.0", ALL),
                    new ReportSide("2.0", ALL));
            assertEquals(v1.size(), r.endpoints().get(0).requestsBefore(), when);
            assertEquals(deployed.size(), r.endpoints().get(0).requestsAfter(), when);
            assertEquals(v1.size() + v2InHour, q.lastTwoDays("/a", ZoneOffset.UTC).stream()
                    .filter(h -> h.start().equals(hour.from())).findFirst().orElseThrow().requests(), when);
            assertEquals(v1.size() + v2InHour, q.countRequests("/a", hour), when);
            store.catchUp();
        }
    }
}
