package dev.monitordash.example;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.EndpointRegistry;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.servlet.endpoint.ServletMappings;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated history on its own, without a store: a fixed "now", so every figure is reproducible. */
class DemoHistoryTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Instant NOW = Instant.parse("2025-06-20T14:30:00Z");
    private static final EndpointRegistry ENDPOINTS = new EndpointRegistry(500, 1);

    private record Row(String version, RequestRecord r) {
        ZonedDateTime local() {
            return Instant.EPOCH.plus(Duration.ofNanos(r.startEpochMicros() * 1_000)).atZone(ZONE);
        }

        double millis() {
            return r.durationNanos() / 1e6;
        }
    }

    private static DemoHistory history;
    private static List<Row> rows;

    @BeforeAll
    static void generate() {
        history = new DemoHistory(30, 40, "2.0.0", ZONE, NOW, ENDPOINTS::lookup);
        rows = new ArrayList<>();
        history.generate((version, r) -> rows.add(new Row(version, r)));
    }

    private static double median(Predicate<Row> which) {
        double[] d = rows.stream().filter(which).mapToDouble(Row::millis).sorted().toArray();
        assertTrue(d.length > 20, "too few requests for a median: " + d.length);
        return d[d.length / 2];
    }

    private static Predicate<Row> at(String endpoint, String version) {
        return row -> row.r().endpoint().name().equals(endpoint) && row.version().equals(version);
    }

    @Test
    void sameSeedAndTimeGiveTheSameRequests() {
        List<Row> again = new ArrayList<>();
        new DemoHistory(30, 40, "2.0.0", ZONE, NOW, ENDPOINTS::lookup)
                .generate((version, r) -> again.add(new Row(version, r)));
        assertEquals(rows, again);
    }

    @Test
    void thirtyDaysAreSomeTensOfThousandsOfRequestsInTimeOrderWithinTheRange() {
        assertTrue(rows.size() > 20_000 && rows.size() < 50_000, "requests: " + rows.size());
        long from = NOW.minus(Duration.ofDays(30)).toEpochMilli() * 1_000;
        long to = NOW.toEpochMilli() * 1_000;
        long previous = Long.MIN_VALUE;
        for (Row row : rows) {
            assertTrue(row.r().startEpochMicros() >= from && row.r().startEpochMicros() < to, row.toString());
            assertTrue(row.r().startEpochMicros() >= previous, "not in time order at " + row);
            previous = row.r().startEpochMicros();
        }
        Set<Object> days = rows.stream().map(row -> row.local().toLocalDate()).collect(Collectors.toSet());
        assertEquals(31, days.size()); // 30 × 24 h from a 16:30 local start touch 31 dates
    }

    @Test
    void fiveVersionsFollowEachOtherEndingWithTheRunningOne() {
        List<DemoHistory.Version> versions = history.versions();
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0", "2.0.0"),
                versions.stream().map(DemoHistory.Version::name).toList());
        assertEquals(NOW.minus(Duration.ofDays(30)), versions.get(0).firstSeen());
        for (int k = 1; k < versions.size(); k++) {
            assertTrue(versions.get(k).firstSeen().isAfter(versions.get(k - 1).firstSeen()), versions.toString());
            assertEquals(10, versions.get(k).firstSeen().atZone(ZONE).getHour(), "deployed in the morning");
        }
        for (Row row : rows) {
            Instant start = Instant.EPOCH.plus(Duration.ofNanos(row.r().startEpochMicros() * 1_000));
            DemoHistory.Version running = versions.stream().filter(v -> !v.firstSeen().isAfter(start))
                    .reduce((a, b) -> b).orElseThrow();
            assertEquals(running.name(), row.version(), row.toString());
        }
        for (DemoHistory.Version v : versions) {
            assertTrue(rows.stream().filter(row -> row.version().equals(v.name())).count() > 2_000, v.name());
        }
    }

    @Test
    void nightsAndWeekendsAreQuieterThanWorkingHours() {
        Predicate<Row> weekday = row -> row.local().getDayOfWeek().getValue() <= DayOfWeek.FRIDAY.getValue();
        long night = rows.stream().filter(weekday).filter(row -> row.local().getHour() >= 1
                && row.local().getHour() < 5).count();
        long work = rows.stream().filter(weekday).filter(row -> row.local().getHour() >= 10
                && row.local().getHour() < 14).count();
        assertTrue(night * 10 < work, "night " + night + ", working hours " + work);

        Map<Boolean, Set<Object>> days = new HashMap<>();
        Map<Boolean, Long> requests = new HashMap<>();
        for (Row row : rows) {
            boolean weekend = row.local().getDayOfWeek().getValue() > DayOfWeek.FRIDAY.getValue();
            days.computeIfAbsent(weekend, k -> new HashSet<>()).add(row.local().toLocalDate());
            requests.merge(weekend, 1L, Long::sum);
        }
        double weekendPerDay = requests.get(true) / (double) days.get(true).size();
        double weekdayPerDay = requests.get(false) / (double) days.get(false).size();
        assertTrue(weekendPerDay < weekdayPerDay / 2, weekendPerDay + " vs " + weekdayPerDay);
    }

    @Test
    void oneVersionMakesTheRecommendedArticlesTwiceAsSlowAndTheNextFixesIt() {
        String endpoint = DemoHistory.REGRESSED_ENDPOINT;
        double before = median(at(endpoint, "1.1.0"));
        double regressed = median(at(endpoint, DemoHistory.REGRESSED_VERSION));
        double fixed = median(at(endpoint, "1.3.0"));
        assertTrue(regressed / before > 1.7 && regressed / before < 2.3, before + " -> " + regressed);
        assertTrue(fixed / before > 0.85 && fixed / before < 1.15, before + " -> " + fixed);
        // Other endpoints did not change.
        double languages = median(at("/api/languages", "1.1.0"));
        double languagesRegressed = median(at("/api/languages", DemoHistory.REGRESSED_VERSION));
        assertTrue(languagesRegressed / languages < 1.15 && languagesRegressed / languages > 0.85);
    }

    @Test
    void dozensOfUsersEachFromAFewAddressesAndTheSlowOnesAreConsistentlySlow() {
        Map<String, Set<String>> addresses = rows.stream().filter(row -> row.r().user() != null)
                .collect(Collectors.groupingBy(row -> row.r().user(),
                        Collectors.mapping(row -> row.r().clientIp(), Collectors.toSet())));
        assertTrue(addresses.size() >= 36, "users: " + addresses.keySet());
        addresses.forEach((user, ips) -> assertTrue(ips.size() <= 3, user + ": " + ips));
        assertTrue(addresses.values().stream().mapToInt(Set::size).sum() > 60);

        Predicate<Row> languages = row -> row.r().endpoint().name().equals("/api/languages");
        Predicate<Row> slowUser = row -> DemoHistory.isSlowUser(Integer.parseInt(row.r().user().substring(4)));
        double slow = median(languages.and(slowUser));
        double others = median(languages.and(slowUser.negate()));
        assertTrue(slow > 2 * others, "slow users " + slow + " ms, others " + others + " ms");
        for (int user = 7; user < 40; user += 10) {
            String name = ExampleUsers.name(user);
            assertTrue(median(row -> name.equals(row.r().user())) > 0, name + " has requests");
        }
    }

    @Test
    void uploadsFailNowAndThenAndUnknownPagesAreNotFound() {
        List<Row> uploads = rows.stream().filter(row -> row.r().endpoint().name().equals("/api/upload")).toList();
        double serverErrors = uploads.stream().filter(row -> row.r().status() == 500).count() / (double) uploads.size();
        double rejected = uploads.stream().filter(row -> row.r().status() == 400).count() / (double) uploads.size();
        assertTrue(serverErrors > 0.06 && serverErrors < 0.10, "500s: " + serverErrors);
        assertTrue(rejected > 0.02 && rejected < 0.06, "400s: " + rejected);
        assertTrue(rows.stream().filter(row -> row.r().endpoint().kind() == Endpoint.Kind.NOT_FOUND)
                .allMatch(row -> row.r().status() == 404));
        assertTrue(rows.stream().anyMatch(row -> row.r().endpoint().name().equals("/api/users/*")
                && row.r().status() == 404));
    }

    @Test
    void aFewRequestsAreOutliers() {
        // /api/languages answers in ~0.4 ms: anything over 4 ms is a stall, not the endpoint's spread.
        long languages = rows.stream().filter(row -> row.r().endpoint().name().equals("/api/languages")).count();
        long stalls = rows.stream().filter(row -> row.r().endpoint().name().equals("/api/languages")
                && row.millis() > 4).count();
        assertTrue(stalls >= 3 && stalls < languages / 100, stalls + " of " + languages);
        long hangs = rows.stream().filter(row -> row.r().endpoint().name().equals(DemoBackfill.OUTLIER_ENDPOINT)
                && row.millis() >= 2_000).count();
        assertTrue(hangs > 20, "hangs of the feed refresh: " + hangs);
    }

    @Test
    void coversEveryRouteOfTheAppUnderTheNameTheFilterRecords() {
        ServletContextHandler context = new ServletContextHandler();
        ExampleEndpoints.register(context);
        Set<String> routes = Arrays.stream(context.getServletHandler().getServletMappings())
                .flatMap(m -> Arrays.stream(m.getPathSpecs())).map(ServletMappings::templateOf)
                .collect(Collectors.toSet());
        Set<String> generated = rows.stream().map(row -> row.r().endpoint().name()).collect(Collectors.toSet());
        Set<String> expected = new HashSet<>(routes);
        expected.add(Endpoint.NOT_FOUND_NAME);
        assertEquals(expected, generated);
    }

    @Test
    void refusesARunningVersionNamedLikeAPastOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DemoHistory(30, 40, "1.2.0", ZONE, NOW, ENDPOINTS::lookup));
        assertTrue(e.getMessage().contains("monitordash.version"), e.getMessage());
    }

    @Test
    void oneDayStillHasEveryVersion() {
        List<String> versions = new ArrayList<>();
        new DemoHistory(1, 40, "2.0.0", ZONE, NOW, ENDPOINTS::lookup).generate((version, r) -> {
            if (!versions.contains(version)) {
                versions.add(version);
            }
        });
        assertEquals(List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0", "2.0.0"), versions);
    }
}
