package dev.monitordash.example;

import dev.monitordash.core.endpoint.Endpoint;

import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * How one endpoint of the example behaves in the backfilled history: its share of the traffic, its
 * speed (log-normal around a median, as measured request times are) and its failures. The numbers mirror
 * what the servlets of {@link ExampleEndpoints} do live, so that history and live traffic look alike.
 * Built once in {@link #ALL} and never changed after.
 */
final class DemoEndpoint {

    /**
     * Every route of {@link ExampleEndpoints} under the name the monitoring filter records it with (the
     * servlet mapping's template), plus the not-found endpoint. Weights follow {@link TrafficSimulator}.
     */
    static final List<DemoEndpoint> ALL = List.of(
            route("/", "GET", 2, 1.5).withoutUser(),
            route("/login", "GET", 1, 1.0).withoutUser(),
            route("/login", "POST", 1, 3.0).status(302).failing(400, 0.10),
            route("/api/languages", "GET", 30, 0.4).sigma(0.5),
            route("/api/articles/recommended", "GET", 10, 220).sigma(0.25),
            // O(bookmarks) as the live servlet: the same users are fast or slow here as there.
            route("/api/bookmarks", "GET", 20, 0).median(user -> 4 + ExampleEndpoints.bookmarksOf(user) / 200.0),
            route("/api/users/*", "GET", 17, 10).failing(404, 0.12),
            route("/api/upload", "POST", 10, 35).failing(400, 0.04).throwing(0.08),
            route("/api/feeds/refresh", "GET", 10, 30).sigma(0.2).hanging(0.03),
            route(Endpoint.NOT_FOUND_NAME, "GET", 3, 0.5).status(404));

    static final int TOTAL_WEIGHT = ALL.stream().mapToInt(e -> e.weight).sum();

    private final String name;
    private final String method;
    private final int weight;
    private ToDoubleFunction<String> medianMillis;
    private double sigma = 0.3;
    private int okStatus = 200;
    private int clientErrorStatus;
    private double clientErrors;
    private double serverErrors;
    private double hangs;
    private boolean anonymous;

    private DemoEndpoint(String name, String method, int weight, double medianMillis) {
        this.name = name;
        this.method = method;
        this.weight = weight;
        this.medianMillis = user -> medianMillis;
    }

    private static DemoEndpoint route(String name, String method, int weight, double medianMillis) {
        return new DemoEndpoint(name, method, weight, medianMillis);
    }

    private DemoEndpoint median(ToDoubleFunction<String> byUser) {
        this.medianMillis = byUser;
        return this;
    }

    /** Spread of the log-normal durations: 0.3 puts the middle 50 % within about ±20 % of the median. */
    private DemoEndpoint sigma(double sigma) {
        this.sigma = sigma;
        return this;
    }

    private DemoEndpoint status(int status) {
        this.okStatus = status;
        return this;
    }

    private DemoEndpoint failing(int status, double share) {
        this.clientErrorStatus = status;
        this.clientErrors = share;
        return this;
    }

    /** A share of requests throws: status 500. */
    private DemoEndpoint throwing(double share) {
        this.serverErrors = share;
        return this;
    }

    /** A share of requests waits 2-5 s on a remote system, as the live servlet does. */
    private DemoEndpoint hanging(double share) {
        this.hangs = share;
        return this;
    }

    /** Requested before logging in: no user. */
    private DemoEndpoint withoutUser() {
        this.anonymous = true;
        return this;
    }

    String name() {
        return name;
    }

    String method() {
        return method;
    }

    /** True when its requests have no user. */
    boolean anonymous() {
        return anonymous;
    }

    /** The endpoint of the weighted mix that a ticket in {@code [0, TOTAL_WEIGHT)} falls on. */
    static DemoEndpoint pick(int ticket) {
        for (DemoEndpoint e : ALL) {
            ticket -= e.weight;
            if (ticket < 0) {
                return e;
            }
        }
        throw new IllegalArgumentException("ticket beyond the total weight " + TOTAL_WEIGHT);
    }

    int status(Random random) {
        double dice = random.nextDouble();
        if (dice < serverErrors) {
            return 500;
        }
        return dice < serverErrors + clientErrors ? clientErrorStatus : okStatus;
    }

    /**
     * One request's execution time.
     *
     * @param factor how much slower than usual: the user's speed times the version's regression
     */
    long durationNanos(Random random, String user, int status, double factor) {
        double millis;
        if (status == 404 && okStatus != 404) {
            millis = 0.3; // a missing resource is answered before any work is done
        } else if (random.nextDouble() < hangs) {
            return (long) ((2_000 + random.nextDouble() * 3_000) * 1e6);
        } else {
            millis = medianMillis.applyAsDouble(user) * factor;
        }
        return Math.max(1_000, (long) (millis * Math.exp(sigma * random.nextGaussian()) * 1e6));
    }
}
