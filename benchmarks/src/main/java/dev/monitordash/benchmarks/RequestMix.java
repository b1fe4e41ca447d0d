package dev.monitordash.benchmarks;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.record.RequestRecord;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A deterministic (fixed seed) shop's traffic for the analytics benchmarks: {@code requests} requests over
 * the 90 days before {@code end}, in time order.
 *
 * <ul>
 *   <li>Time: a daily curve (quiet nights, a late-morning and an evening peak, local time) times a weekly
 *   one (quieter weekends) times slow growth, in 5-minute buckets; each bucket's requests are spread
 *   evenly with jitter, so they come out sorted without sorting.</li>
 *   <li>60 endpoints (12 resources × 5 routes) with Zipf popularity (s = 1: the busiest gets ≈ 21 %,
 *   the median one ≈ 0.7 %); GET or POST by route, the collection routes (list or create) both.</li>
 *   <li>12 versions, deployed mid-day on weekdays about a week apart; for 90 minutes after a deployment
 *   both run, the new one's share rising linearly (a rolling upgrade).</li>
 *   <li>Users with Zipf activity (s = 0.8), each with 1-8 client addresses of its own, the first used
 *   most (home, office, phone...).</li>
 *   <li>Log-normal durations, median and spread per endpoint; a version is slower (×1.3-2.5) on some
 *   endpoints and faster on a few. Status 200, else ≈ 2.5 % 4xx (answered fast) and ≈ 0.7 % 5xx, both
 *   varying per endpoint; some versions fail more on some endpoints.</li>
 * </ul>
 *
 * <p>Everything per endpoint, version and user is computed up front: the loop allocates the record only.
 */
final class RequestMix {

    static final int DAYS = 90;
    static final int VERSIONS = 12;
    private static final String[] RESOURCES = {"products", "cart", "orders", "customers", "reviews", "categories",
        "search", "payments", "shipments", "coupons", "wishlists", "stock"};
    private static final long BUCKET_MICROS = 5 * 60 * 1_000_000L;
    private static final long ROLLOUT_MICROS = 90 * 60 * 1_000_000L;
    private static final int[] CLIENT_ERRORS = {400, 401, 403, 404, 404, 404, 409, 422};
    private static final int[] SERVER_ERRORS = {500, 500, 500, 502, 503, 504};

    /** What the generated requests go to, in time order. */
    interface Sink {
        /** Version {@code v} starts; its requests follow. */
        void deployed(int v, Instant at);

        /** The rollout that replaced version {@code v} is complete: no request of it follows. */
        void retired(int v);

        void request(int v, RequestRecord record);
    }

    private final int requests;
    private final long startMicros;
    private final long endMicros;
    private final long seed;

    private final Endpoint[] endpoints; // by popularity rank: [0] is the busiest
    private final double[] endpointCumulative;
    private final double[] postShare;
    private final double[][] mu; // [version][endpoint]: log of the median in ms
    private final double[] sigma;
    private final double[][] clientErrorShare;
    private final double[][] serverErrorShare;

    private final String[] users; // by activity rank: [0] is the busiest
    private final double[] userCumulative;
    private final int[] firstAddress;
    private final int[] addressCount;
    private final String[] addresses;
    private final boolean[] addressUsed;

    private final String[] versionNames = new String[VERSIONS];
    private final long[] deployedAt = new long[VERSIONS];

    private final double[] bucketWeight;

    RequestMix(long seed, int requests, int userCount, Instant end, ZoneId zone) {
        this.seed = seed;
        this.requests = requests;
        this.endMicros = ChronoUnit.MICROS.between(Instant.EPOCH, end);
        this.startMicros = endMicros - DAYS * 86_400_000_000L;
        SplittableRandom random = new SplittableRandom(seed);

        int n = RESOURCES.length * 5;
        endpoints = new Endpoint[n];
        postShare = new double[n];
        int[] rank = shuffledRanks(n, random);
        for (int r = 0; r < RESOURCES.length; r++) {
            String base = "/api/" + RESOURCES[r];
            String[] routes = {base, base + "/{id}", base + "/{id}/history", base + "/{id}/actions", base + "/export"};
            double[] posts = {0.25, 0, 0, 1, 0}; // list-or-create, read, read, act, read
            for (int k = 0; k < routes.length; k++) {
                int i = rank[r * routes.length + k];
                endpoints[i] = new Endpoint(routes[k], Endpoint.Kind.ROUTE, "Shop#" + RESOURCES[r] + k,
                        MonitoringLevel.PERFORMANCE);
                postShare[i] = posts[k];
            }
        }
        endpointCumulative = zipf(n, 1.0);
        sigma = new double[n];
        mu = new double[VERSIONS][n];
        clientErrorShare = new double[VERSIONS][n];
        serverErrorShare = new double[VERSIONS][n];
        for (int e = 0; e < n; e++) {
            double median = 3 * Math.pow(200, random.nextDouble()); // 3 ms .. 600 ms, log-uniform
            sigma[e] = 0.35 + 0.55 * random.nextDouble();
            double clientErrors = 0.005 + 0.035 * random.nextDouble();
            double serverErrors = 0.001 + 0.009 * random.nextDouble();
            for (int v = 0; v < VERSIONS; v++) {
                double p = random.nextDouble();
                double factor = p < 0.12 ? 1.3 + 1.2 * random.nextDouble() : p < 0.18 ? 0.6 + 0.3 * random.nextDouble() : 1;
                mu[v][e] = Math.log(median * factor);
                clientErrorShare[v][e] = clientErrors;
                serverErrorShare[v][e] = random.nextDouble() < 0.05 ? serverErrors * 5 : serverErrors;
            }
        }

        users = new String[userCount];
        firstAddress = new int[userCount];
        addressCount = new int[userCount];
        int total = 0;
        for (int u = 0; u < userCount; u++) {
            users[u] = "user-" + (u + 1);
            firstAddress[u] = total;
            addressCount[u] = 1 + random.nextInt(8);
            total += addressCount[u];
        }
        userCumulative = zipf(userCount, 0.8);
        addresses = new String[total];
        addressUsed = new boolean[total];
        for (int a = 0; a < total; a++) {
            int x = (a * 0x9E3779B1 + 0x5bd1e995) & 0xFFFFFF; // a bijection on 24 bits: distinct addresses
            addresses[a] = "10." + (x >>> 16) + "." + ((x >>> 8) & 0xFF) + "." + (x & 0xFF);
        }

        for (int v = 0; v < VERSIONS; v++) {
            versionNames[v] = "4." + v;
            // The first runs since before the window; then one about every 7.5 days, ±2 days, weekdays at
            // 11:00-14:00 local time.
            double day = v == 0 ? -3 : v * (double) DAYS / VERSIONS + random.nextInt(-2, 3);
            ZonedDateTime at = Instant.EPOCH.plus(startMicros, ChronoUnit.MICROS).atZone(zone)
                    .plusDays((long) Math.floor(day)).with(LocalTime.of(11, 0)).plusMinutes(random.nextInt(180));
            while (at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY) {
                at = at.plusDays(1);
            }
            deployedAt[v] = ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant());
        }

        bucketWeight = new double[(int) ((endMicros - startMicros) / BUCKET_MICROS)];
        for (int b = 0; b < bucketWeight.length; b++) {
            long at = startMicros + b * BUCKET_MICROS;
            ZonedDateTime local = Instant.EPOCH.plus(at + BUCKET_MICROS / 2, ChronoUnit.MICROS).atZone(zone);
            double hour = local.getHour() + local.getMinute() / 60.0;
            double daily = 0.04 + bump(hour, 11, 2.5) + 0.8 * bump(hour, 20.5, 2) + 0.4 * bump(hour, 15, 2);
            double weekly = switch (local.getDayOfWeek()) {
                case SATURDAY -> 0.7;
                case SUNDAY -> 0.55;
                case FRIDAY -> 0.9;
                default -> 1;
            };
            bucketWeight[b] = daily * weekly * (1 + 0.25 * b / bucketWeight.length);
        }
    }

    /** Generates every request, oldest first. */
    void generate(Sink sink) {
        SplittableRandom random = new SplittableRandom(seed + 1);
        double totalWeight = 0;
        for (double w : bucketWeight) {
            totalWeight += w;
        }
        double cumulative = 0;
        long emitted = 0;
        int deployed = 0; // versions deployed so far
        boolean retiring = false;
        for (int b = 0; b < bucketWeight.length; b++) {
            cumulative += bucketWeight[b];
            long upTo = b == bucketWeight.length - 1 ? requests : Math.round(requests * (cumulative / totalWeight));
            int count = (int) (upTo - emitted);
            long bucketStart = startMicros + b * BUCKET_MICROS;
            for (int i = 0; i < count; i++) {
                long at = bucketStart + (long) ((i + random.nextDouble()) * BUCKET_MICROS / count);
                while (deployed < VERSIONS && deployedAt[deployed] <= at) {
                    sink.deployed(deployed, deployedAt(deployed));
                    retiring = deployed > 0;
                    deployed++;
                }
                int v = deployed - 1;
                long sinceDeploy = at - deployedAt[v];
                if (retiring && sinceDeploy >= ROLLOUT_MICROS) {
                    sink.retired(v - 1);
                    retiring = false;
                } else if (retiring && random.nextDouble() * ROLLOUT_MICROS >= sinceDeploy) {
                    v--;
                }
                sink.request(v, next(random, at, v));
            }
            emitted = upTo;
        }
    }

    private RequestRecord next(SplittableRandom random, long at, int v) {
        int e = pick(endpointCumulative, random.nextDouble());
        int u = pick(userCumulative, random.nextDouble());
        // Address k of the user with probability 1/2^(k+1), the rest on the last.
        int k = Math.min(Integer.numberOfTrailingZeros(random.nextInt() | 0x8000_0000), addressCount[u] - 1);
        String method = postShare[e] > 0 && random.nextDouble() < postShare[e] ? "POST" : "GET";
        double ms = Math.exp(mu[v][e] + sigma[e] * random.nextGaussian());
        int status = 200;
        double p = random.nextDouble();
        if (p < serverErrorShare[v][e]) {
            status = SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)];
        } else if (p < serverErrorShare[v][e] + clientErrorShare[v][e]) {
            status = CLIENT_ERRORS[random.nextInt(CLIENT_ERRORS.length)];
            ms *= 0.3;
        }
        addressUsed[firstAddress[u] + k] = true;
        return new RequestRecord(endpoints[e], at, (long) (ms * 1e6), method, status, users[u],
                addresses[firstAddress[u] + k]);
    }

    int requests() {
        return requests;
    }

    String endpoint(int popularityRank) {
        return endpoints[popularityRank].name();
    }

    int endpointCount() {
        return endpoints.length;
    }

    /** The endpoint's expected share of all requests. */
    double share(int popularityRank) {
        return endpointCumulative[popularityRank] - (popularityRank == 0 ? 0 : endpointCumulative[popularityRank - 1]);
    }

    String user(int activityRank) {
        return users[activityRank];
    }

    /** Distinct client addresses among the requests generated so far. */
    int addressesUsed() {
        int n = 0;
        for (boolean used : addressUsed) {
            n += used ? 1 : 0;
        }
        return n;
    }

    int userCount() {
        return users.length;
    }

    String version(int v) {
        return versionNames[v];
    }

    Instant deployedAt(int v) {
        return Instant.EPOCH.plus(deployedAt[v], ChronoUnit.MICROS);
    }

    private static int pick(double[] cumulative, double x) {
        int i = Arrays.binarySearch(cumulative, x);
        return Math.min(i >= 0 ? i : -i - 1, cumulative.length - 1);
    }

    /** Cumulative Zipf shares of ranks 0..n-1 with exponent s; the last is 1. */
    private static double[] zipf(int n, double s) {
        double[] c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, s);
            c[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            c[i] /= sum;
        }
        return c;
    }

    private static int[] shuffledRanks(int n, SplittableRandom random) {
        int[] ranks = new int[n];
        for (int i = 0; i < n; i++) {
            ranks[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = ranks[i];
            ranks[i] = ranks[j];
            ranks[j] = t;
        }
        return ranks;
    }

    private static double bump(double hour, double peak, double width) {
        double d = (hour - peak) / width;
        return Math.exp(-d * d / 2);
    }
}
