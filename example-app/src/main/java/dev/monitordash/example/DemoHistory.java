package dev.monitordash.example;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.RequestRecord;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Realistic request history of the example app for the last N days, so that every graph of the
 * dashboard has something to show: five versions (the running one last), the example's endpoints with
 * their own speeds and failures, dozens of users of whom a few are consistently slow, each from a few
 * client addresses, quiet nights and weekends, one version that made one endpoint twice as slow (fixed in
 * the next), and a few outliers. Deterministic: the same seed, days, zone and "now" give the same records.
 * Only generates; {@link DemoBackfill} writes it through the store.
 */
final class DemoHistory {

    /** The versions before the running one, oldest first. */
    static final List<String> PAST_VERSIONS = List.of("1.0.0", "1.1.0", "1.2.0", "1.3.0");
    /** The version with the regression; the one before it is the baseline, the one after has the fix. */
    static final String REGRESSED_VERSION = "1.2.0";
    static final String REGRESSED_ENDPOINT = "/api/articles/recommended";
    static final double REGRESSION = 2.0;
    static final long SEED = 20_250_611L;

    /**
     * Requests per busiest hour of a working day. With {@link #HOURLY_LOAD} and {@link #WEEKEND_LOAD} about
     * 1,000 requests a day, ~30,000 per 30 days: enough for stable box plots, seconds to write.
     */
    static final double PEAK_REQUESTS_PER_HOUR = 120;
    /** Load of each local hour of a working day relative to the busiest: quiet nights, a lunch dip. */
    static final double[] HOURLY_LOAD = {
        0.04, 0.03, 0.02, 0.02, 0.03, 0.06, 0.15, 0.35, 0.70, 0.95, 1.00, 1.00,
        0.75, 0.90, 1.00, 0.95, 0.85, 0.60, 0.40, 0.30, 0.25, 0.20, 0.12, 0.07};
    static final double WEEKEND_LOAD = 0.3;
    /** Share of requests that stall for no reason of their own (a GC pause, a lock): 10-30x slower. */
    static final double OUTLIER_SHARE = 0.001;
    /** How much slower a slow user's requests are, and how many users in ten are slow. */
    static final double SLOW_USER_FACTOR = 2.5;

    /** A version and when it was first seen (deployed); {@code firstSeen} rises from one to the next. */
    record Version(String name, Instant firstSeen) {
    }

    /** Receives the generated requests in time order with the version each ran on. */
    @FunctionalInterface
    interface Sink {
        void accept(String version, RequestRecord record);
    }

    private record User(String name, double speed, String[] addresses) {
    }

    private final Instant from;
    private final Instant to;
    private final ZoneId zone;
    private final Function<String, Endpoint> endpoints;
    private final Random random = new Random(SEED);
    private final List<Version> versions;
    private final long[] versionStarts; // first-seen times in epoch microseconds, to place each request
    private final User[] users;
    private final int userCount;

    /**
     * @param days      how far back the history starts (1-400)
     * @param users     how many users (the simulator's {@code --users}, so that both are the same people)
     * @param current   the running version: the history's newest
     * @param endpoints the monitor's endpoint of a route template ({@code EndpointRegistry::lookup})
     * @throws IllegalArgumentException when the running version has the name of a past one
     */
    DemoHistory(int days, int users, String current, ZoneId zone, Instant now, Function<String, Endpoint> endpoints) {
        if (PAST_VERSIONS.contains(current)) {
            throw new IllegalArgumentException("--demo-history names the past versions " + PAST_VERSIONS
                    + "; the app runs as version " + current + ": configure another monitordash.version");
        }
        this.to = now;
        this.from = now.minus(Duration.ofDays(days));
        this.zone = zone;
        this.endpoints = endpoints;
        this.userCount = users;
        this.users = new User[users];
        for (int i = 0; i < users; i++) {
            this.users[i] = user(i);
        }
        this.versions = plan(current);
        this.versionStarts = versions.stream().mapToLong(v -> ChronoUnit.MICROS.between(Instant.EPOCH, v.firstSeen()))
                .toArray();
    }

    /** Users {@code 7, 17, 27, ...}: a few consistently slow ones among the dozens (slow laptop, far away). */
    static boolean isSlowUser(int index) {
        return index % 10 == 7;
    }

    private User user(int index) {
        double speed = (isSlowUser(index) ? SLOW_USER_FACTOR : 1) * Math.exp(0.1 * random.nextGaussian());
        String[] addresses = new String[1 + index % 3]; // office, home, phone
        for (int a = 0; a < addresses.length; a++) {
            addresses[a] = "10." + (20 + a) + "." + (index / 250) + "." + (1 + index % 250);
        }
        return new User(ExampleUsers.name(index), speed, addresses);
    }

    // Five versions over equal shares of the range; with a day or more each, deployed on a morning.
    private List<Version> plan(String current) {
        List<String> names = new ArrayList<>(PAST_VERSIONS);
        names.add(current);
        List<Version> out = new ArrayList<>();
        Duration share = Duration.between(from, to).dividedBy(names.size());
        for (int k = 0; k < names.size(); k++) {
            Instant at = from.plus(share.multipliedBy(k));
            if (k > 0 && share.compareTo(Duration.ofDays(1)) >= 0) {
                LocalDate day = at.atZone(zone).toLocalDate();
                Instant morning = ZonedDateTime.of(day, LocalTime.of(10, random.nextInt(60), random.nextInt(60)), zone)
                        .toInstant();
                // Shares of exactly a day can land two deployments on one date around a 25-hour DST day.
                at = morning.isAfter(out.get(k - 1).firstSeen()) ? morning : at;
            }
            out.add(new Version(names.get(k), at));
        }
        return List.copyOf(out);
    }

    /** The versions, oldest first; the last is the running one. */
    List<Version> versions() {
        return versions;
    }

    Instant from() {
        return from;
    }

    /** Generates every request from {@code now - days} to {@code now} in time order; returns how many. */
    long generate(Sink sink) {
        long count = 0;
        LocalDate day = null;
        double dayLoad = 1;
        for (Instant hour = from; hour.isBefore(to); hour = hour.plus(1, ChronoUnit.HOURS)) {
            ZonedDateTime local = hour.atZone(zone);
            if (!local.toLocalDate().equals(day)) {
                day = local.toLocalDate();
                dayLoad = Math.exp(0.15 * random.nextGaussian()); // some days are busier than others
            }
            long slotMicros = Math.min(3_600_000_000L, ChronoUnit.MICROS.between(hour, to));
            double expected = PEAK_REQUESTS_PER_HOUR * HOURLY_LOAD[local.getHour()] * dayLoad
                    * (isWeekend(local.getDayOfWeek()) ? WEEKEND_LOAD : 1) * slotMicros / 3_600_000_000.0;
            long[] starts = new long[poisson(expected)];
            long base = ChronoUnit.MICROS.between(Instant.EPOCH, hour);
            for (int i = 0; i < starts.length; i++) {
                starts[i] = base + (long) (random.nextDouble() * slotMicros);
            }
            Arrays.sort(starts);
            for (long start : starts) {
                Version version = versionAt(start);
                sink.accept(version.name(), request(start, version));
                count++;
            }
        }
        return count;
    }

    private RequestRecord request(long startMicros, Version version) {
        DemoEndpoint endpoint = DemoEndpoint.pick(random.nextInt(DemoEndpoint.TOTAL_WEIGHT));
        User user = users[ExampleUsers.pick(random, userCount)];
        String address = user.addresses()[random.nextInt(user.addresses().length)];
        double factor = user.speed();
        if (version.name().equals(REGRESSED_VERSION) && endpoint.name().equals(REGRESSED_ENDPOINT)) {
            factor *= REGRESSION;
        }
        if (random.nextDouble() < OUTLIER_SHARE) {
            factor *= 10 + random.nextDouble() * 20;
        }
        String userName = endpoint.anonymous() ? null : user.name();
        int status = endpoint.status(random);
        long duration = endpoint.durationNanos(random, userName, status, factor);
        return new RequestRecord(endpoints.apply(endpoint.name()), startMicros, duration, endpoint.method(), status,
                userName, address);
    }

    private Version versionAt(long startMicros) {
        int k = versionStarts.length - 1;
        while (k > 0 && versionStarts[k] > startMicros) {
            k--;
        }
        return versions.get(k);
    }

    private static boolean isWeekend(DayOfWeek day) {
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
    }

    // Knuth's method for the quiet hours; the normal approximation is exact enough from 30 up.
    private int poisson(double mean) {
        if (mean >= 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }
}
