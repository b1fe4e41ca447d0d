package dev.monitordash.core.query;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.version.VersionInfo;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static dev.monitordash.core.query.AnalyticsQueryContract.hours;
import static dev.monitordash.core.query.AnalyticsQueryContract.version;
import static dev.monitordash.core.testing.Records.endpoint;
import static dev.monitordash.core.testing.Records.micros;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The per-endpoint charts of one user ("this user complains") against the same charts of all users, exact
 * on hand-built data; subclasses run it on SQLite and PostgreSQL. On 2025-06-10 (CEST, UTC+2) /a has:
 * <pre>
 *   ann  1.0  1, 2, 3, 4 ms       08:00-08:03Z (10 h local)
 *   ann  2.0  10, 20 (500) ms     09:00, 09:01Z (11 h)
 *   bob  1.0  5, 6 (404) ms       08:30, 08:31Z (10 h)
 *   bob  2.0  30 ms               14:00Z (16 h)
 *   none 2.0  100 (503) ms        08:40Z (10 h)
 * </pre>
 * plus one request of ann to /b, which no chart of /a may count.
 */
abstract class UserFilterAnalyticsQueryContract extends AnalyticsStoreFixture {

    static final LocalDate DAY = LocalDate.parse("2025-06-10");
    static final TimeRange JUNE_10 = TimeRange.days(DAY, DAY, AMSTERDAM);

    AnalyticsQueries recordDay() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        store.writeBatch(List.of(
                request(a, "08:00:00", 1, 200, "ann"), request(a, "08:01:00", 2, 200, "ann"),
                request(a, "08:02:00", 3, 200, "ann"), request(a, "08:03:00", 4, 200, "ann"),
                request(a, "08:30:00", 5, 200, "bob"), request(a, "08:31:00", 6, 404, "bob"),
                request(endpoint("/b"), "08:05:00", 50, 500, "ann")), version("1.0"));
        store.writeBatch(List.of(
                request(a, "09:00:00", 10, 200, "ann"), request(a, "09:01:00", 20, 500, "ann"),
                request(a, "14:00:00", 30, 200, "bob"), request(a, "08:40:00", 100, 503, null)), version("2.0"));
        return q;
    }

    static RequestRecord request(Endpoint e, String utcTime, long millis, int status, String user) {
        long start = micros(Instant.parse("2025-06-10T" + utcTime + "Z"));
        return new RequestRecord(e, start, millis * 1_000_000, "GET", status, user,
                user == null ? null : "10.0.0." + user.length());
    }

    @Test
    void heatmapOfOneUserCountsOnlyHisRequests() {
        AnalyticsQueries q = recordDay();

        HourlyHeatmap all = q.endpointHeatmap("/a", DAY, DAY, AMSTERDAM, null);
        assertArrayEquals(hours(Map.of(10, 7L, 11, 2L, 16, 1L)), all.days().get(0).hours());
        assertArrayEquals(all.days().get(0).hours(), q.endpointHeatmap("/a", DAY, DAY, AMSTERDAM).days().get(0).hours(),
                "without a user argument: all requests");

        HourlyHeatmap ann = q.endpointHeatmap("/a", DAY, DAY, AMSTERDAM, "ann");
        assertArrayEquals(hours(Map.of(10, 4L, 11, 2L)), ann.days().get(0).hours());
        assertEquals(6, ann.total());
        HourlyHeatmap bob = q.endpointHeatmap("/a", DAY, DAY, AMSTERDAM, "bob");
        assertArrayEquals(hours(Map.of(10, 2L, 16, 1L)), bob.days().get(0).hours());
        // The request without a user is in "all" only: 6 + 3 of 10.
        assertEquals(10, all.total());
        assertEquals(0, q.endpointHeatmap("/a", DAY, DAY, AMSTERDAM, "nobody").total());
    }

    @Test
    void versionBoxesOfOneUserHaveHisExactQuartilesAndOnlyHisVersions() {
        AnalyticsQueries q = recordDay();

        List<VersionBox> all = q.versionBoxes("/a", JUNE_10, null);
        SketchAssertions.assertBoxClose(new BoxPlot("1.0", 6, 1.0, 2.25, 3.5, 4.75, 6.0, 1.0, 6.0, List.of(), 0), all.get(0).box());
        // NumPy: percentile([10, 20, 30, 100], [25, 50, 75]) = 17.5, 25, 47.5; fence 47.5 + 45 = 92.5.
        SketchAssertions.assertBoxClose(new BoxPlot("2.0", 4, 10.0, 17.5, 25.0, 47.5, 100.0, 10.0, 30.0,
                List.of(100.0), 1), all.get(1).box());

        List<VersionBox> ann = q.versionBoxes("/a", JUNE_10, "ann");
        assertEquals(List.of("1.0", "2.0"), ann.stream().map(VersionBox::version).toList());
        SketchAssertions.assertBoxClose(new BoxPlot("1.0", 4, 1.0, 1.75, 2.5, 3.25, 4.0, 1.0, 4.0, List.of(), 0), ann.get(0).box());
        SketchAssertions.assertBoxClose(new BoxPlot("2.0", 2, 10.0, 12.5, 15.0, 17.5, 20.0, 10.0, 20.0, List.of(), 0), ann.get(1).box());

        List<VersionBox> bob = q.versionBoxes("/a", JUNE_10, "bob");
        assertEquals(List.of(2L, 1L), bob.stream().map(v -> v.box().count()).toList());
        assertEquals(30.0, bob.get(1).box().median(), 1e-9);
        assertEquals(List.of(), q.versionBoxes("/a", JUNE_10, "nobody"));
    }

    @Test
    void statusCodesAndFailuresOfOneUser() {
        AnalyticsQueries q = recordDay();

        assertEquals(List.of(new StatusCodes.Count(200, 7), new StatusCodes.Count(404, 1),
                new StatusCodes.Count(500, 1), new StatusCodes.Count(503, 1)), q.statusCodes("/a", JUNE_10, 20, null).codes());

        StatusCodes ann = q.statusCodes("/a", JUNE_10, 20, "ann");
        assertEquals(List.of(new StatusCodes.Count(200, 5), new StatusCodes.Count(500, 1)), ann.codes());
        assertEquals(List.of(new StoredRequest("/a", Instant.parse("2025-06-10T09:01:00Z"), 20.0, "GET", 500, "2.0",
                "ann", "10.0.0.3", "shop", "node-1:42")), ann.failed());

        StatusCodes bob = q.statusCodes("/a", JUNE_10, 20, "bob");
        assertEquals(List.of(new StatusCodes.Count(200, 2), new StatusCodes.Count(404, 1)), bob.codes());
        assertEquals(List.of(404), bob.failed().stream().map(StoredRequest::status).toList());
        assertEquals(List.of(), q.statusCodes("/a", JUNE_10, 0, "bob").failed());
    }

    @Test
    void lastTwoDaysOfOneUser() {
        AnalyticsQueries q = open();
        Endpoint a = endpoint("/a");
        // NOW is 2025-11-10 12:30Z: the last hour of the series starts at 12:00Z.
        store.writeBatch(List.of(
                AnalyticsQueryContract.request(a, micros(Instant.parse("2025-11-10T12:00:00Z")), 1_000, 200, "ann", null),
                AnalyticsQueryContract.request(a, micros(Instant.parse("2025-11-10T12:10:00Z")), 3_000, 200, "ann", null),
                AnalyticsQueryContract.request(a, micros(Instant.parse("2025-11-10T12:20:00Z")), 8_000, 200, "bob", null)),
                version("1.0"));
        Instant last = Instant.parse("2025-11-10T12:00:00Z");

        assertEquals(new HourStats(last, 3, 1.0, 4.0, 8.0), q.lastTwoDays("/a", AMSTERDAM, null).get(47));
        assertEquals(new HourStats(last, 2, 1.0, 2.0, 3.0), q.lastTwoDays("/a", AMSTERDAM, "ann").get(47));
        assertEquals(new HourStats(last, 1, 8.0, 8.0, 8.0), q.lastTwoDays("/a", AMSTERDAM, "bob").get(47));
        assertEquals(0, q.lastTwoDays("/a", AMSTERDAM, "nobody").stream().mapToLong(HourStats::requests).sum());
    }

    @Test
    void filterChoicesListUsersByRequestsAndVersionsByFirstSeen() {
        AnalyticsQueries q = recordDay();
        store.saveVersion(new VersionInfo("2.0", null, List.of(), null, VersionInfo.Source.CONFIGURED),
                Instant.parse("2025-05-01T10:00:00Z"));

        FilterChoices choices = q.filterChoices("/a", JUNE_10, 10);
        assertEquals(List.of(new FilterChoices.UserCount("ann", 6), new FilterChoices.UserCount("bob", 3)),
                choices.users(), "the request without a user is not a choice");
        assertEquals(0, choices.hiddenUsers());
        assertEquals(List.of("2.0", "1.0"), choices.versions(), "2.0 was seen first; 1.0's first start is unknown");

        FilterChoices one = q.filterChoices("/a", JUNE_10, 1);
        assertEquals(List.of(new FilterChoices.UserCount("ann", 6)), one.users());
        assertEquals(1, one.hiddenUsers());
        assertEquals(List.of(), q.filterChoices("/a", new TimeRange(NOW.minusSeconds(60), NOW), 10).versions());
    }
}
