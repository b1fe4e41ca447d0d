package dev.monitordash.core.query;

import dev.monitordash.core.report.Check;
import dev.monitordash.core.report.EndpointChange;
import dev.monitordash.core.report.Part;
import dev.monitordash.core.report.Report;
import dev.monitordash.core.report.ReportSettings;
import dev.monitordash.core.report.Reports;
import dev.monitordash.core.report.Verdict;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.version.VersionInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.monitordash.core.testing.Records.ORIGIN;
import static dev.monitordash.core.testing.Records.endpoint;
import static dev.monitordash.core.testing.Records.micros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The analytics queries, exact on hand-built data; subclasses run it on SQLite and PostgreSQL. */
abstract class AnalyticsQueryContract extends AnalyticsStoreFixture {

    static RequestRecord at(Endpoint e, String instant, long durationMicros) {
        return request(e, micros(Instant.parse(instant)), durationMicros, 200, "ann", "10.0.0.1");
    }

    static RequestRecord request(Endpoint e, long start, long durationMicros, int status, String user, String ip) {
        return new RequestRecord(e, start, durationMicros * 1_000, "GET", status, user, ip);
    }

    static Origin version(String name) {
        return new Origin(name, "shop", "node-1:42");
    }

    @Test
    void heatmapPutsEachRequestInItsLocalHourAcrossBothDaylightSavingChanges() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        store.writeBatch(List.of(
                at(a, "2025-03-28T23:00:00Z", 1),        // Mar 29 00:00 CET: first microsecond of the range
                at(a, "2025-03-28T22:59:59.999999Z", 1), // Mar 28 23:59: before the range
                at(a, "2025-03-30T00:59:59.999999Z", 1), // Mar 30 01:59:59 CET
                at(a, "2025-03-30T01:00:00Z", 1),        // Mar 30 03:00 CEST: 02:00 never happened
                at(a, "2025-03-30T21:59:59.999999Z", 1), // Mar 30 23:59 CEST, the 23-hour day's last hour
                at(a, "2025-03-30T22:00:00Z", 1),        // Mar 31 00:00 CEST: after the range
                at(a, "2025-10-26T00:30:00Z", 1),        // Oct 26 02:30 CEST
                at(a, "2025-10-26T01:30:00Z", 1),        // Oct 26 02:30 CET, the repeated hour
                at(a, "2025-10-26T01:59:59.999999Z", 1), // 02:59 CET
                at(a, "2025-10-26T02:00:00Z", 1),        // 03:00 CET
                at(a, "2025-10-25T21:59:59.999999Z", 1), // Oct 25 23:59 CEST
                at(a, "2025-10-26T22:59:59.999999Z", 1), // Oct 26 23:59 CET, the 25-hour day's last hour
                at(a, "2025-10-26T23:00:00Z", 1)),       // Oct 27 00:00 CET: outside
                ORIGIN);

        HourlyHeatmap spring = q.endpointHeatmap("/a", LocalDate.parse("2025-03-29"), LocalDate.parse("2025-03-30"),
                AMSTERDAM);
        assertEquals("Europe/Amsterdam", spring.zone());
        assertEquals(List.of(LocalDate.parse("2025-03-29"), LocalDate.parse("2025-03-30")),
                spring.days().stream().map(HourlyHeatmap.Day::date).toList());
        assertArrayEquals(hours(Map.of(0, 1L)), spring.days().get(0).hours());
        assertArrayEquals(hours(Map.of(1, 1L, 3, 1L, 23, 1L)), spring.days().get(1).hours());

        HourlyHeatmap autumn = q.endpointHeatmap("/a", LocalDate.parse("2025-10-25"), LocalDate.parse("2025-10-26"),
                AMSTERDAM);
        assertArrayEquals(hours(Map.of(23, 1L)), autumn.days().get(0).hours());
        assertArrayEquals(hours(Map.of(2, 3L, 3, 1L, 23, 1L)), autumn.days().get(1).hours());
        assertEquals(6, autumn.total());
    }

    @Test
    void heatmapHoursFollowAZoneWithAHalfHourOffset() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        store.writeBatch(List.of(
                at(a, "2025-06-10T10:29:59Z", 1),   // 15:59:59 in India (+05:30)
                at(a, "2025-06-10T10:30:00Z", 1),   // 16:00
                at(a, "2025-06-09T18:29:59Z", 1),   // Jun 9 23:59:59
                at(a, "2025-06-09T18:30:00Z", 1)),  // Jun 10 00:00
                ORIGIN);

        HourlyHeatmap h = q.endpointHeatmap("/a", LocalDate.parse("2025-06-10"), LocalDate.parse("2025-06-10"),
                ZoneId.of("Asia/Kolkata"));

        assertArrayEquals(hours(Map.of(0, 1L, 15, 1L, 16, 1L)), h.days().get(0).hours());
    }

    @Test
    void loadHeatmapAndDailyHitsCountEveryEndpoint() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        Endpoint b = endpoint("/b");
        store.writeBatch(List.of(
                at(a, "2025-10-25T08:00:00Z", 1), at(b, "2025-10-25T08:59:00Z", 1), at(b, "2025-10-25T09:00:00Z", 1),
                at(a, "2025-10-26T23:00:00Z", 1), // Oct 27 00:00 CET
                at(b, "2025-10-24T21:59:00Z", 1)), // Oct 24 23:59 CEST, before the range
                ORIGIN);

        HourlyHeatmap load = q.loadHeatmap(LocalDate.parse("2025-10-25"), LocalDate.parse("2025-10-27"), AMSTERDAM);
        assertArrayEquals(hours(Map.of(10, 2L, 11, 1L)), load.days().get(0).hours());
        assertArrayEquals(hours(Map.of()), load.days().get(1).hours());
        assertArrayEquals(hours(Map.of(0, 1L)), load.days().get(2).hours());

        DailyHits daily = q.dailyHits(LocalDate.parse("2025-10-25"), LocalDate.parse("2025-10-27"), AMSTERDAM);
        assertEquals(3, daily.days().size());
        assertEquals(List.of("/a", "/b"), daily.endpoints().stream().map(DailyHits.Series::endpoint).toList());
        assertArrayEquals(new long[] {1, 0, 1}, daily.endpoints().get(0).hits());
        assertArrayEquals(new long[] {2, 0, 0}, daily.endpoints().get(1).hits());
    }

    @Test
    void lastTwoDaysGivesMinMeanMaxAndCountPerLocalHour() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        // NOW is 13:30 in Amsterdam (CET): the series runs from Nov 8 14:00 to Nov 10 13:00 local.
        store.writeBatch(List.of(
                at(a, "2025-11-10T12:00:00Z", 1_000), at(a, "2025-11-10T12:20:00Z", 4_000),
                at(a, "2025-11-10T12:59:59Z", 7_000),
                at(a, "2025-11-08T13:00:00Z", 2_000),   // Nov 8 14:00: the first hour
                at(a, "2025-11-08T12:59:59Z", 9_000)),  // 13:59: one hour too early
                ORIGIN);

        List<HourStats> series = q.lastTwoDays("/a", AMSTERDAM);

        assertEquals(48, series.size());
        assertEquals(Instant.parse("2025-11-08T13:00:00Z"), series.get(0).start());
        assertEquals(new HourStats(Instant.parse("2025-11-08T13:00:00Z"), 1, 2.0, 2.0, 2.0), series.get(0));
        assertEquals(new HourStats(Instant.parse("2025-11-10T12:00:00Z"), 3, 1.0, 4.0, 7.0), series.get(47));
        assertEquals(0, series.get(20).requests());
        assertTrue(Double.isNaN(series.get(20).meanMillis()));
    }

    @Test
    void versionBoxesHaveExactQuartilesWhiskersOutliersAndFirstSeen() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        long t = micros(Instant.parse("2025-06-01T00:00:00Z"));
        List<RequestRecord> v1 = new ArrayList<>();
        for (long d : new long[] {9_000, 1_000, 100_000, 2_000, 3_000, 8_000, 4_000, 5_000, 7_000, 6_000}) {
            v1.add(request(a, t++, d, 200, "ann", "10.0.0.1"));
        }
        store.writeBatch(v1, version("1.0"));
        store.writeBatch(List.of(request(a, t + 10, 15_000, 200, "ann", "10.0.0.1"),
                request(a, t + 11, 20_000, 200, "ann", "10.0.0.1")), version("2.0"));
        store.saveVersion(new VersionInfo("1.0", null, List.of(), null, VersionInfo.Source.CONFIGURED),
                Instant.parse("2025-05-01T10:00:00Z"));
        store.saveVersion(new VersionInfo("2.0", null, List.of(), null, VersionInfo.Source.CONFIGURED),
                Instant.parse("2025-05-20T10:00:00Z"));

        List<VersionBox> boxes = q.versionBoxes("/a", ALL);

        assertEquals(List.of("1.0", "2.0"), boxes.stream().map(VersionBox::version).toList());
        assertEquals(Instant.parse("2025-05-01T10:00:00Z"), boxes.get(0).firstSeen());
        // NumPy: percentile([1..9, 100], [25, 50, 75]) = 3.25, 5.5, 7.75; fence 7.75 + 1.5 * 4.5 = 14.5.
        SketchAssertions.assertBoxClose(new BoxPlot("1.0", 10, 1.0, 3.25, 5.5, 7.75, 100.0, 1.0, 9.0,
                List.of(100.0), 1), boxes.get(0).box());
        SketchAssertions.assertBoxClose(new BoxPlot("2.0", 2, 15.0, 16.25, 17.5, 18.75, 20.0, 15.0, 20.0,
                List.of(), 0), boxes.get(1).box());
    }

    @Test
    void whiskersEndWithinOneAndAHalfInterquartileRangesOnBothSides() {
        AnalyticsQueries q = open();
        Endpoint w = endpoint("/w");
        long t = micros(Instant.parse("2025-06-01T00:00:00Z"));
        List<RequestRecord> rs = new ArrayList<>();
        for (long ms : new long[] {44, 1, 55, 30, 40, 41, 42, 43, 90, 45, 46, 47}) {
            rs.add(request(w, t++, ms * 1_000, 200, "ann", "10.0.0.1"));
        }
        store.writeBatch(rs, ORIGIN);

        // NumPy: quartiles 40.75, 43.5, 46.25; IQR 5.5; fences 32.5 and 54.5 (at 3 IQR 30 and 55 would be inside).
        List<BoxPlot> boxes = q.endpointBoxes(ALL);
        assertEquals(1, boxes.size());
        SketchAssertions.assertBoxClose(new BoxPlot("/w", 12, 1.0, 40.75, 43.5, 46.25, 90.0, 40.0, 47.0,
                List.of(1.0, 30.0, 55.0, 90.0), 4), boxes.get(0));
    }

    @Test
    void outliersAreCappedPerSideButAllCounted() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        long t = micros(Instant.parse("2025-06-01T00:00:00Z"));
        List<RequestRecord> rs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rs.add(request(a, t++, 1_000 + i % 10, 200, "ann", "10.0.0.1"));
        }
        for (int i = 0; i < 120; i++) {
            rs.add(request(a, t++, 50_000 + i, 200, "ann", "10.0.0.1"));
        }
        store.writeBatch(rs, ORIGIN);

        BoxPlot box = q.endpointBoxes(ALL).get(0);

        assertEquals(1_120, box.count());
        assertEquals(120, box.outlierCount());
        assertEquals(BoxPlotReader.OUTLIERS_PER_SIDE, box.outliers().size());
        assertEquals(50.119, box.outliers().get(box.outliers().size() - 1), 1e-9, "the most extreme are kept");
        SketchAssertions.assertClose(50.070, box.outliers().get(0), "least extreme listed");
        SketchAssertions.assertClose(1.009, box.upperWhisker(), "upper whisker");
    }

    @Test
    void userBoxesShowTheTopNAndNeverHideAUserWithAnOutlier() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        long t = micros(Instant.parse("2025-06-01T00:00:00Z"));
        List<RequestRecord> rs = new ArrayList<>();
        String[] users = {"ann", "bob", "cy", "dee"};
        for (int u = 0; u < users.length; u++) {
            for (int i = 0; i < 10 - u; i++) { // ann 10, bob 9, cy 8, dee 7 requests
                rs.add(request(a, t++, 1_000 + i * 10, 200, users[u], "10.0.0." + u));
            }
        }
        rs.add(request(a, t++, 900_000, 200, "zed", "10.0.0.9")); // one very slow request
        store.writeBatch(rs, ORIGIN);

        GroupBoxes top2 = q.userBoxes("/a", ALL, null, new TopN(2, TopN.Order.REQUESTS));
        assertEquals(List.of("ann", "bob", "zed"), top2.boxes().stream().map(BoxPlot::label).toList());
        assertEquals(2, top2.hidden());
        assertEquals(10, top2.boxes().get(0).count());
        SketchAssertions.assertClose(1.045, top2.boxes().get(0).median(), "median");

        GroupBoxes slowest = q.userBoxes("/a", ALL, null, new TopN(1, TopN.Order.SLOWEST));
        assertEquals(List.of("zed"), slowest.boxes().stream().map(BoxPlot::label).toList());
        assertEquals(4, slowest.hidden());

        GroupBoxes otherVersion = q.userBoxes("/a", ALL, "9.9", new TopN(5, TopN.Order.REQUESTS));
        assertEquals(List.of(), otherVersion.boxes());
        assertEquals(0, otherVersion.hidden());
    }

    @Test
    void bubblesGiveMeanAndCountPerGroupAndVersion() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        long t = micros(Instant.parse("2025-06-01T00:00:00Z"));
        store.writeBatch(List.of(request(a, t, 1_000, 200, "ann", "10.0.0.1"),
                request(a, t + 1, 3_000, 200, "ann", "10.0.0.1"),
                request(a, t + 2, 5_000, 200, "bob", "10.0.0.2"),
                request(a, t + 3, 1_000, 200, null, "10.0.0.3")), version("1.0"));
        store.writeBatch(List.of(request(a, t + 10, 8_000, 200, "ann", "10.0.0.2")), version("2.0"));

        BubbleChart users = q.bubbles("/a", ALL, Dimension.USER, new TopN(2, TopN.Order.REQUESTS));
        assertEquals(List.of("ann", "bob"), users.groups());
        assertEquals(List.of("1.0", "2.0"), users.versions());
        assertEquals(1, users.hidden());
        assertEquals(List.of(new BubbleChart.Bubble("ann", "1.0", 2, 2.0), new BubbleChart.Bubble("ann", "2.0", 1, 8.0),
                new BubbleChart.Bubble("bob", "1.0", 1, 5.0)), users.bubbles());

        BubbleChart ips = q.bubbles("/a", ALL, Dimension.IP, new TopN(1, TopN.Order.SLOWEST));
        assertEquals(List.of("10.0.0.2"), ips.groups());
        assertEquals(List.of(new BubbleChart.Bubble("10.0.0.2", "1.0", 1, 5.0),
                new BubbleChart.Bubble("10.0.0.2", "2.0", 1, 8.0)), ips.bubbles());
    }

    @Test
    void statusCodesCountEveryCodeAndListRecentFailuresNewestFirst() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        long t = micros(Instant.parse("2025-06-01T00:00:00Z"));
        // A millisecond apart: raw rows keep start times in milliseconds.
        store.writeBatch(List.of(request(a, t, 1_000, 200, "ann", "10.0.0.1"),
                request(a, t + 1_000, 2_000, 500, "bob", "10.0.0.2"),
                request(a, t + 2_000, 1_500, 404, null, null),
                request(a, t + 3_000, 1_000, 200, "ann", "10.0.0.1"),
                request(a, t + 4_000, 2_500, 503, "cy", "10.0.0.3")), ORIGIN);

        StatusCodes s = q.statusCodes("/a", ALL, 2);

        assertEquals(List.of(new StatusCodes.Count(200, 2), new StatusCodes.Count(404, 1),
                new StatusCodes.Count(500, 1), new StatusCodes.Count(503, 1)), s.codes());
        assertEquals(List.of(
                new StoredRequest("/a", Instant.parse("2025-06-01T00:00:00.004Z"), 2.5, "GET", 503, "1.0", "cy",
                        "10.0.0.3", "shop", "node-1:42"),
                new StoredRequest("/a", Instant.parse("2025-06-01T00:00:00.002Z"), 1.5, "GET", 404, "1.0", null,
                        null, "shop", "node-1:42")), s.failed());
    }

    @Test
    void versionUsageGivesEachVersionsShareOfAnEndpointsHits() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        Endpoint b = endpoint("/b");
        long t = micros(Instant.parse("2025-06-01T00:00:00Z"));
        store.writeBatch(List.of(request(a, t, 1, 200, "u", null), request(a, t + 1, 1, 200, "u", null),
                request(a, t + 2, 1, 200, "u", null), request(b, t + 3, 1, 200, "u", null)), version("1.0"));
        store.writeBatch(List.of(request(a, t + 10, 1, 200, "u", null)), version("2.0"));
        store.saveVersion(new VersionInfo("2.0", null, List.of(), null, VersionInfo.Source.CONFIGURED),
                Instant.parse("2025-05-31T09:30:00Z"));

        VersionUsage usage = q.versionUsage(ALL);

        assertEquals(List.of("1.0", "2.0"), usage.versions());
        java.util.Map<String, Instant> firstSeen = new java.util.HashMap<>();
        firstSeen.put("1.0", null); // written, never registered as started: unknown
        firstSeen.put("2.0", Instant.parse("2025-05-31T09:30:00Z"));
        assertEquals(firstSeen, usage.firstSeen());
        assertEquals(List.of(new VersionUsage.Cell("/a", "1.0", 3, 0.75), new VersionUsage.Cell("/a", "2.0", 1, 0.25),
                new VersionUsage.Cell("/b", "1.0", 1, 1.0)), usage.cells());
    }

    @Test
    void reportFindsTheEndpointAVersionMadeSlower() {
        AnalyticsQueries q = open();
        Endpoint slow = endpoint("/slow");
        Endpoint same = endpoint("/same");
        Endpoint fast = endpoint("/fast");
        long t = micros(Instant.parse("2025-06-01T00:00:00Z"));
        List<RequestRecord> v1 = new ArrayList<>();
        List<RequestRecord> v2 = new ArrayList<>();
        for (int i = 0; i < 600; i++) { // more than the sample: the test sees every 2nd request
            long jitter = (i * 37L) % 100;
            v1.add(request(slow, t + i, 1_000 + jitter, 200, "u", null));
            v1.add(request(same, t + i, 1_000 + jitter, 200, "u", null));
            v1.add(request(fast, t + i, 3_000 + jitter, i % 10 == 0 ? 500 : 200, "u", null));
            v2.add(request(slow, t + 10_000 + i, 1_300 + jitter, 200, "u", null));
            v2.add(request(same, t + 10_000 + i, 1_000 + (i * 41L) % 100, 200, "u", null));
            v2.add(request(fast, t + 10_000 + i, 2_000 + jitter, 200, "u", null));
        }
        store.writeBatch(v1, version("1.0"));
        store.writeBatch(v2, version("2.0"));

        Report r = new Reports(q, ReportSettings.defaults()).compare(new ReportSide("1.0", ALL),
                new ReportSide("2.0", ALL));

        assertEquals(List.of("/fast", "/same", "/slow"), r.endpoints().stream().map(EndpointChange::endpoint)
                .toList());
        assertEquals(List.of("/slow"), r.slower().stream().map(EndpointChange::endpoint).toList());
        assertEquals(List.of("/fast"), r.faster().stream().map(EndpointChange::endpoint).toList());
        EndpointChange s = r.slower().get(0);
        assertEquals(600, s.requestsBefore());
        SketchAssertions.assertClose(1.0495, s.part(Part.MEDIAN).before(), "median before");
        SketchAssertions.assertClose(1.3495, s.part(Part.MEDIAN).after(), "median after");
        // Every request is tested (not a sample): all 600 after are slower than all 600 before.
        assertEquals(1.0, s.centre().effect(), 1e-12);
        assertEquals(600 * (1.3495 - 1.0495), s.extraSeconds() * 1_000, 1e-6);
        EndpointChange f = r.faster().get(0);
        assertEquals(Map.of("2xx", 540L, "5xx", 60L), f.statusBefore());
        assertEquals(Map.of("2xx", 600L), f.statusAfter());
        assertEquals(0.1, f.errorShareBefore(), 1e-12);
        EndpointChange unchanged = r.endpoints().get(1);
        assertEquals(Verdict.UNCHANGED, unchanged.verdict());
        assertTrue(unchanged.centre().p() > 0.05, "p = " + unchanged.centre().p());
    }

    @Test
    void reportReadsEveryRequestAndChecksUsersHoursAndInstancesOfAChange() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/orders/{id}");
        Endpoint tail = endpoint("/search");
        long day = micros(Instant.parse("2025-06-02T00:00:00Z"));
        List<RequestRecord> v1 = new ArrayList<>();
        List<RequestRecord> v2node1 = new ArrayList<>();
        List<RequestRecord> v2node2 = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int i = 0; i < 3_000; i++) {
            long at = day + (i % 24) * 3_600_000_000L + i; // every hour of the day alike
            String user = i % 10 == 0 ? "alice" : "user" + (i % 40);
            long base = 10_000 + random.nextInt(5_000);
            v1.add(request(a, at, base, 200, user, null));
            // 2.0: alice's requests (10 %) 5× slower (15 s in total), nobody else changed.
            RequestRecord after = request(a, at + 86_400_000_000L, user.equals("alice") ? 5 * base : base, 200,
                    user, null);
            (i % 2 == 0 ? v2node1 : v2node2).add(after);
            // /search: the slowest fifth doubles (so p90 does: 12 s in total), the rest as before.
            long t = 5_000 + random.nextInt(1_000);
            v1.add(request(tail, at, i % 5 == 4 ? 20_000 : t, 200, user, null));
            (i % 2 == 0 ? v2node1 : v2node2).add(request(tail, at + 86_400_000_000L, i % 5 == 4 ? 40_000 : t, 200,
                    user, null));
        }
        store.writeBatch(v1, version("1.0"));
        store.writeBatch(v2node1, version("2.0"));
        store.writeBatch(v2node2, new Origin("2.0", "shop", "node-2:43"));
        store.catchUp(); // the user rollups
        store.saveVersion(new VersionInfo("2.0", null, List.of(), null, VersionInfo.Source.CONFIGURED),
                Instant.parse("2025-06-03T00:00:00Z"));
        store.saveVersion(new VersionInfo("1.0", null, List.of(), null, VersionInfo.Source.CONFIGURED),
                Instant.parse("2025-06-02T00:00:00Z"));
        assertEquals(List.of(new DeployedVersion("1.0", Instant.parse("2025-06-02T00:00:00Z")),
                new DeployedVersion("2.0", Instant.parse("2025-06-03T00:00:00Z"))), q.deployedVersions(),
                "first seen first");

        List<EndpointTimes> times = q.reportTimes(new ReportSide("1.0", ALL), new ReportSide("2.0", ALL));
        assertEquals(List.of("/orders/{id}", "/search"), times.stream().map(EndpointTimes::endpoint).toList());
        assertEquals(3_000, times.get(0).before().all().sketch().count(), "every request, not a sample");
        assertEquals(List.of("node-1:42", "node-2:43"), times.get(0).after().instances().stream()
                .map(GroupTimes::name).toList());
        ReportDetail detail = q.reportDetail("/orders/{id}", new ReportSide("1.0", ALL), new ReportSide("2.0", ALL));
        assertEquals(125, detail.hoursBefore().get(5).count());
        assertEquals(125, detail.hoursAfter().get(23).count());
        assertEquals(300, detail.usersAfter().stream().filter(g -> "alice".equals(g.name())).findFirst()
                .orElseThrow().requests());

        Report r = new Reports(q, ReportSettings.defaults()).compare(new ReportSide("1.0", ALL),
                new ReportSide("2.0", ALL));
        Map<String, EndpointChange> changes = r.endpoints().stream()
                .collect(java.util.stream.Collectors.toMap(EndpointChange::endpoint, c -> c));
        EndpointChange alice = changes.get("/orders/{id}");
        assertEquals(Verdict.SLOWER, alice.verdict(), alice.summary());
        Check users = alice.checks().stream().filter(c -> c.kind() == Check.Kind.USERS).findFirst().orElseThrow();
        assertTrue(users.explains(), users.text());
        assertEquals(List.of("alice"), users.users());
        Check hours = alice.checks().stream().filter(c -> c.kind() == Check.Kind.HOURS).findFirst().orElseThrow();
        assertFalse(hours.explains(), hours.text());
        EndpointChange search = changes.get("/search");
        assertEquals(Verdict.SLOWER, search.verdict(), search.summary());
        assertTrue(search.part(Part.P90).significant());
        assertFalse(search.part(Part.MEDIAN).significant());
        assertTrue(search.summary().endsWith("median unchanged"), search.summary());
        assertEquals(List.of("/orders/{id}", "/search"), r.slower().stream().map(EndpointChange::endpoint).toList(),
                "most extra time first");
        assertEquals(2 * 3, r.tests(), "median, p90 and p99 (1 000 requests a side) of both endpoints");
    }

    @Test
    void exportStreamsOneOrAllEndpointsOldestFirst() throws Exception {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        Endpoint b = endpoint("/b");
        long t = micros(Instant.parse("2025-06-01T00:00:00Z"));
        List<RequestRecord> rs = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            rs.add(request(i % 2 == 0 ? a : b, t + i * 1_000L, 1_000 + i, 200, "u" + i, "10.0.0.1"));
        }
        store.writeBatch(rs, ORIGIN);
        TimeRange range = new TimeRange(Instant.parse("2025-06-01T00:00:00.010Z"), NOW);

        List<StoredRequest> all = new ArrayList<>();
        assertEquals(2_490, q.export(null, range, all::add));
        assertEquals(2_490, all.size());
        assertEquals(new StoredRequest("/a", Instant.parse("2025-06-01T00:00:00.010Z"), 1.010, "GET", 200, "1.0",
                "u10", "10.0.0.1", "shop", "node-1:42"), all.get(0));
        List<StoredRequest> onlyB = new ArrayList<>();
        assertEquals(1_245, q.export("/b", range, onlyB::add));
        assertTrue(onlyB.stream().allMatch(r -> r.endpoint().equals("/b")));
        for (int i = 1; i < onlyB.size(); i++) {
            assertTrue(onlyB.get(i).startedAt().isAfter(onlyB.get(i - 1).startedAt()));
        }
        java.io.IOException gone = new java.io.IOException("client went away");
        assertEquals(gone, assertThrows(java.io.IOException.class, () -> q.export("/a", range, r -> {
            throw gone;
        })));
    }

    @Test
    void exportCountIsTheNumberOfRowsTheExportSends() throws Exception {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        Endpoint b = endpoint("/b");
        long t = micros(Instant.parse("2025-06-01T00:00:00Z"));
        List<RequestRecord> rs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rs.add(request(i % 4 == 0 ? b : a, t + i * 1_000L, 1_000, 200, "u", null));
        }
        store.writeBatch(rs, ORIGIN);
        // Half-open: the request at t + 10 ms is in, the one at t + 990 ms is not.
        TimeRange range = new TimeRange(Instant.parse("2025-06-01T00:00:00.010Z"),
                Instant.parse("2025-06-01T00:00:00.990Z"));

        assertEquals(980, q.countRequests(null, range));
        assertEquals(245, q.countRequests("/b", range));
        assertEquals(735, q.countRequests("/a", range));
        assertEquals(q.countRequests("/a", range), q.export("/a", range, r -> { }));
        assertEquals(1_000, q.countRequests(null, ALL));
        assertEquals(0, q.countRequests("/a", new TimeRange(NOW.minusSeconds(60), NOW)));
        assertThrows(UnknownEndpointException.class, () -> q.countRequests("/nowhere", ALL));
    }

    @Test
    void unknownEndpointsAreTheCallersMistake() {
        AnalyticsQueries q = open();
        store.writeBatch(List.of(at(endpoint("/a"), "2025-06-01T00:00:00Z", 1)), ORIGIN);

        UnknownEndpointException e = assertThrows(UnknownEndpointException.class,
                () -> q.versionBoxes("/nowhere", ALL));
        assertEquals("unknown endpoint: /nowhere", e.getMessage());
        assertThrows(UnknownEndpointException.class, () -> q.requireEndpoint("/nowhere"));
        q.requireEndpoint("/a");
        assertThrows(UnknownEndpointException.class, () -> q.export("/nowhere", ALL, r -> { }));
    }

    @Test
    void emptyStoreAnswersWithEmptyCharts() {
        AnalyticsQueries q = open();
        assertEquals(List.of(), q.endpointBoxes(ALL));
        assertEquals(0, q.loadHeatmap(LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-30"), AMSTERDAM).total());
        assertEquals(List.of(), q.versionUsage(ALL).cells());
        Report r = new Reports(q, ReportSettings.defaults()).compare(new ReportSide(null, ALL),
                new ReportSide(null, ALL));
        assertEquals(List.of(), r.endpoints());
        assertNull(r.before().version());
    }

    static long[] hours(Map<Integer, Long> cells) {
        long[] h = new long[24];
        cells.forEach((hour, n) -> h[hour] = n);
        return h;
    }
}
