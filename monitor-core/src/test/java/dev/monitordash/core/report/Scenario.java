package dev.monitordash.core.report;

import dev.monitordash.core.query.EndpointTimes;
import dev.monitordash.core.query.GroupTimes;
import dev.monitordash.core.query.ReportDetail;
import dev.monitordash.core.query.ReportSide;
import dev.monitordash.core.query.SideTimes;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.rollup.DurationSketch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generated request histories with known truth for the report's scenario tests: endpoints with log-normal
 * durations (median and spread of their own), users with Zipf-like traffic, two instances, requests spread
 * over the hours of the day by a daily curve, and on the after side an injected change (a shift, a longer
 * tail, one slow user or instance) or a confounder (load in busy hours). What the report reads is built
 * exactly as the store builds it: a DurationSketch per side, per instance, per hour of the day and per user.
 */
final class Scenario {

    static final ReportSide BEFORE = new ReportSide("1.0",
            new TimeRange(Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-07-01T00:00:00Z")));
    static final ReportSide AFTER = new ReportSide("2.0", BEFORE.range());
    static final int USERS = 200;
    static final List<String> INSTANCES = List.of("web-1", "web-2");
    /** Busy hours (UTC) of the daily curve: 09:00-17:00 carry about three quarters of the traffic. */
    static final double[] DAILY = daily();

    /** Changes a request's duration (µs) on one side; the request's hour, user and instance given. */
    @FunctionalInterface
    interface Effect {
        double apply(double micros, int hour, int user, int instance);

        Effect NONE = (d, h, u, i) -> d;

        static Effect scale(double factor) {
            return (d, h, u, i) -> d * factor;
        }
    }

    /**
     * One endpoint of a scenario.
     *
     * @param truth       what the report should say: "unchanged", "slower", "faster"
     * @param medianMs    median of the unchanged durations
     * @param sigma       log-normal spread
     * @param before      effect on both sides (load)
     * @param after       effect on the after side only, after {@code before}'s
     * @param hoursBefore weights of the hours of the day before (null: the daily curve)
     * @param hoursAfter  weights after
     */
    record Spec(String name, String truth, long requestsBefore, long requestsAfter, double medianMs, double sigma,
            Effect both, Effect after, double[] hoursBefore, double[] hoursAfter) {

        Spec changed(String newTruth, Effect effect) {
            return new Spec(name, newTruth, requestsBefore, requestsAfter, medianMs, sigma, both, effect, hoursBefore,
                    hoursAfter);
        }

        Spec load(Effect onBoth, double[] before, double[] afterHours) {
            return new Spec(name, truth, requestsBefore, requestsAfter, medianMs, sigma, onBoth, after, before,
                    afterHours);
        }
    }

    private final SplittableRandom random;
    private final List<Spec> specs = new ArrayList<>();

    Scenario(long seed) {
        this.random = new SplittableRandom(seed);
    }

    SplittableRandom random() {
        return random;
    }

    /** An unchanged endpoint with the given traffic a side and a random median (2-200 ms) and spread. */
    Spec endpoint(String name, long requestsBefore, long requestsAfter) {
        double median = Math.exp(Math.log(2) + random.nextDouble() * (Math.log(200) - Math.log(2)));
        double sigma = 0.3 + random.nextDouble() * 0.6;
        return new Spec(name, "unchanged", requestsBefore, requestsAfter, median, sigma, Effect.NONE, Effect.NONE,
                DAILY, DAILY);
    }

    /** Requests a side drawn log-uniformly from {@code min} to {@code max}. */
    long traffic(long min, long max) {
        return Math.round(Math.exp(Math.log(min) + random.nextDouble() * (Math.log(max) - Math.log(min))));
    }

    Scenario add(Spec spec) {
        specs.add(spec);
        return this;
    }

    List<Spec> specs() {
        return specs;
    }

    Spec spec(String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The "tail-only" change of issue 10: durations above the before side's p75 stretched so that the p90
     * doubles; the median and everything below p75 stay exactly as they were.
     */
    static Effect tailDoubling(Spec spec) {
        double q75 = spec.medianMs() * 1_000 * Math.exp(0.6744897501960817 * spec.sigma());
        double q90 = spec.medianMs() * 1_000 * Math.exp(1.2815515655446004 * spec.sigma());
        double stretch = (2 * q90 - q75) / (q90 - q75);
        return (d, h, u, i) -> d <= q75 ? d : q75 + (d - q75) * stretch;
    }

    /** The report's input, as the store would give it, and each endpoint's detail. */
    record Built(List<EndpointTimes> times, Map<String, ReportDetail> details) {
    }

    Built build() {
        List<EndpointTimes> times = new ArrayList<>();
        Map<String, ReportDetail> details = new HashMap<>();
        for (Spec spec : specs) {
            Side b = side(spec, spec.requestsBefore(), spec.hoursBefore(), Effect.NONE);
            Side a = side(spec, spec.requestsAfter(), spec.hoursAfter(), spec.after());
            times.add(new EndpointTimes(spec.name(), b.times(), a.times()));
            details.put(spec.name(), new ReportDetail(b.hours, a.hours, b.users(), a.users()));
        }
        return new Built(times, details);
    }

    Report report(ReportSettings settings) {
        Built built = build();
        return Comparison.analyse(BEFORE, AFTER, built.times(), settings, endpoints -> built.details());
    }

    /** One side of one endpoint, accumulated like the rollups. */
    private static final class Side {
        final List<DurationSketch> hours = new ArrayList<>();
        final Map<Integer, long[]> userCounts = new LinkedHashMap<>(); // {requests, total}
        final Map<Integer, DurationSketch> userSketches = new HashMap<>();
        final long[][] instanceCounts = new long[INSTANCES.size()][2];
        final DurationSketch[] instanceSketches = new DurationSketch[INSTANCES.size()];

        Side() {
            for (int h = 0; h < ReportDetail.HOURS; h++) {
                hours.add(new DurationSketch());
            }
            for (int i = 0; i < instanceSketches.length; i++) {
                instanceSketches[i] = new DurationSketch();
            }
        }

        void add(long micros, int hour, int user, int instance) {
            hours.get(hour).add(micros);
            long[] u = userCounts.computeIfAbsent(user, k -> new long[2]);
            u[0]++;
            u[1] += micros;
            userSketches.computeIfAbsent(user, k -> new DurationSketch()).add(micros);
            instanceCounts[instance][0]++;
            instanceCounts[instance][1] += micros;
            instanceSketches[instance].add(micros);
        }

        SideTimes times() {
            List<GroupTimes> instances = new ArrayList<>();
            for (int i = 0; i < instanceSketches.length; i++) {
                if (instanceCounts[i][0] > 0) {
                    instances.add(new GroupTimes(INSTANCES.get(i), instanceCounts[i][0], instanceCounts[i][1],
                            instanceSketches[i]));
                }
            }
            GroupTimes all = GroupTimes.merge(null, instances);
            return new SideTimes(all, Map.of("2xx", all.requests()), instances);
        }

        List<GroupTimes> users() {
            List<GroupTimes> out = new ArrayList<>();
            userCounts.forEach((user, n) -> out.add(new GroupTimes(userName(user), n[0], n[1], userSketches.get(user))));
            return out;
        }
    }

    static String userName(int user) {
        return "user-" + user;
    }

    private Side side(Spec spec, long requests, double[] hourWeights, Effect after) {
        Side side = new Side();
        double mu = Math.log(spec.medianMs() * 1_000);
        double[] hourCdf = cumulative(hourWeights);
        for (long r = 0; r < requests; r++) {
            int hour = pick(hourCdf);
            int user = zipfUser();
            int instance = random.nextInt(INSTANCES.size());
            double d = Math.exp(mu + spec.sigma() * gaussian());
            d = spec.both().apply(d, hour, user, instance);
            d = after.apply(d, hour, user, instance);
            side.add(Math.max(1, Math.round(d)), hour, user, instance);
        }
        return side;
    }

    /** User k with probability ∝ 1/(k + 10): the busiest user has about 2 % of the requests. */
    private int zipfUser() {
        double u = random.nextDouble();
        // Inverse of the continuous approximation of ∑ 1/(k + 10) over [0, USERS).
        return (int) Math.min(USERS - 1, Math.floor(10 * Math.pow((USERS + 10) / 10.0, u) - 10));
    }

    private double gaussian() {
        // Box-Muller; one of the pair is enough here.
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private int pick(double[] cdf) {
        double u = random.nextDouble() * cdf[cdf.length - 1];
        for (int i = 0; i < cdf.length; i++) {
            if (u < cdf[i]) {
                return i;
            }
        }
        return cdf.length - 1;
    }

    private static double[] cumulative(double[] weights) {
        double[] out = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            out[i] = sum;
        }
        return out;
    }

    private static double[] daily() {
        double[] w = new double[ReportDetail.HOURS];
        for (int h = 0; h < w.length; h++) {
            w[h] = h >= 9 && h < 17 ? 6 : 1;
        }
        return w;
    }

    /** Busy hours only (10:00-15:00) get {@code share} of the traffic, the others the rest evenly. */
    static double[] busyShare(double share) {
        double[] w = new double[ReportDetail.HOURS];
        for (int h = 0; h < w.length; h++) {
            w[h] = isBusy(h) ? share / 6 : (1 - share) / 18;
        }
        return w;
    }

    static boolean isBusy(int hour) {
        return hour >= 10 && hour < 16;
    }
}
