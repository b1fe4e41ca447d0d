package dev.monitordash.core.report;

import dev.monitordash.core.query.EndpointTimes;
import dev.monitordash.core.query.GroupTimes;
import dev.monitordash.core.query.ReportDetail;
import dev.monitordash.core.query.ReportSide;
import dev.monitordash.core.query.SideTimes;
import dev.monitordash.core.rollup.DurationSketch;
import dev.monitordash.core.stats.FalseDiscovery;
import dev.monitordash.core.stats.MannWhitney;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The report's statistics over what was read (no database here, so the scenario tests drive exactly this):
 *
 * <ol>
 *   <li>an endpoint with fewer than the minimum requests on a side is "not enough data", untested;</li>
 *   <li>every other endpoint gets a rank test of its centre on every request (Mann-Whitney over the
 *       sketches) and exceedance tests of p90 and, from 1 000 requests a side, p99 ({@link TailTest});</li>
 *   <li>all those p-values together are adjusted by Benjamini-Hochberg ({@link FalseDiscovery});</li>
 *   <li>a part changed when its adjusted p-value is within the false discovery rate, its quantile moved by
 *       at least the minimum effect, and both say the same direction;</li>
 *   <li>each changed endpoint's confounders are checked ({@link Confounders}) from its detail;</li>
 *   <li>slower and faster are ranked by total extra time, requests × change of the mean.</li>
 * </ol>
 */
final class Comparison {

    private Comparison() {
    }

    static Report analyse(ReportSide before, ReportSide after, List<EndpointTimes> times, ReportSettings settings,
            Function<List<String>, Map<String, ReportDetail>> details) {
        List<Tested> tested = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (EndpointTimes e : times) {
            Tested t = test(e, settings);
            tested.add(t);
            for (PartChange c : t.parts) {
                if (c.tested()) {
                    pValues.add(c.p());
                }
            }
        }
        double[] adjusted = FalseDiscovery.adjust(pValues.stream().mapToDouble(Double::doubleValue).toArray());
        int next = 0;
        List<EndpointChange> all = new ArrayList<>();
        for (Tested t : tested) {
            List<PartChange> parts = new ArrayList<>();
            for (PartChange c : t.parts) {
                if (!c.tested()) {
                    parts.add(c);
                    continue;
                }
                double q = adjusted[next++];
                parts.add(c.withAdjusted(q, q <= settings.falseDiscoveryRate() && settings.relevant(c.ratio())
                        && agrees(c, t)));
            }
            all.add(change(t, parts, settings));
        }
        // The confounders of every changed endpoint, from one read of their details.
        List<String> changed = all.stream().filter(c -> c.verdict().changed()).map(EndpointChange::endpoint).toList();
        Map<String, ReportDetail> detail = changed.isEmpty() ? Map.of() : details.apply(changed);
        for (int i = 0; i < all.size(); i++) {
            EndpointChange change = all.get(i);
            if (change.verdict().changed()) {
                all.set(i, change.withChecks(Confounders.check(change, tested.get(i).times,
                        detail.get(change.endpoint()), settings)));
            }
        }
        Comparator<EndpointChange> mostExtraTime = Comparator.comparingDouble(EndpointChange::extraSeconds).reversed();
        List<EndpointChange> slower = all.stream()
                .filter(c -> c.parts().stream().anyMatch(p -> p.direction() > 0)).sorted(mostExtraTime).toList();
        List<EndpointChange> faster = all.stream().filter(c -> c.verdict() == Verdict.FASTER)
                .sorted(mostExtraTime.reversed()).toList();
        List<EndpointChange> notEnough = all.stream().filter(c -> c.verdict() == Verdict.NOT_ENOUGH_DATA).toList();
        return new Report(before, after, settings, pValues.size(), all, slower, faster, notEnough);
    }

    /**
     * An endpoint's parts, tested but not yet adjusted; {@code testSays} per part: the second side's share
     * above the pooled quantile minus the first's (positive: slower).
     */
    private record Tested(EndpointTimes times, MannWhitney.Result centre, List<PartChange> parts, boolean enough,
            double[] testSays) {
    }

    private static Tested test(EndpointTimes e, ReportSettings settings) {
        GroupTimes b = e.before().all();
        GroupTimes a = e.after().all();
        boolean enough = b.requests() >= settings.minRequests() && a.requests() >= settings.minRequests()
                && !b.sketch().isEmpty() && !a.sketch().isEmpty();
        MannWhitney.Result centre = enough ? MannWhitney.test(b.sketch(), a.sketch()) : null;
        List<PartChange> parts = new ArrayList<>();
        double[] testSays = new double[Part.values().length];
        for (Part part : Part.values()) {
            double qb = quantileMillis(b.sketch(), part.quantile());
            double qa = quantileMillis(a.sketch(), part.quantile());
            boolean testable = enough && TailTest.applies(b.sketch().count(), a.sketch().count(), part.quantile());
            double p = Double.NaN;
            if (testable) {
                TailTest.Result r = TailTest.test(b.sketch(), a.sketch(), part.quantile());
                p = r.p();
                testSays[part.ordinal()] = r.aboveSecond() / (double) a.sketch().count()
                        - r.aboveFirst() / (double) b.sketch().count();
            }
            parts.add(new PartChange(part, qb, qa, testable, p, Double.NaN, false));
        }
        return new Tested(e, centre, parts, enough, testSays);
    }

    /** The test's direction (rank effect, or more exceedances) is the quantile's. */
    private static boolean agrees(PartChange c, Tested t) {
        double testSays = t.testSays[c.part().ordinal()];
        return Math.signum(testSays) == Math.signum(c.after() - c.before()) && testSays != 0;
    }

    private static double quantileMillis(DurationSketch sketch, double q) {
        return sketch.isEmpty() ? Double.NaN : sketch.quantile(q) / 1_000.0;
    }

    private static EndpointChange change(Tested t, List<PartChange> parts, ReportSettings settings) {
        EndpointTimes e = t.times;
        SideTimes b = e.before();
        SideTimes a = e.after();
        Verdict verdict;
        if (!t.enough) {
            verdict = Verdict.NOT_ENOUGH_DATA;
        } else {
            boolean slower = parts.stream().anyMatch(p -> p.direction() > 0);
            boolean faster = parts.stream().anyMatch(p -> p.direction() < 0);
            verdict = slower && faster ? Verdict.MIXED : slower ? Verdict.SLOWER : faster ? Verdict.FASTER
                    : Verdict.UNCHANGED;
        }
        double meanBefore = b.all().meanMillis();
        double meanAfter = a.all().meanMillis();
        double extra = a.all().requests() * (meanAfter - meanBefore) / 1_000.0;
        return new EndpointChange(e.endpoint(), b.all().requests(), a.all().requests(), meanBefore, meanAfter,
                b.statusClasses(), a.statusClasses(), t.centre, parts, verdict, extra,
                Wording.summary(verdict, parts, b.all().requests(), a.all().requests(), settings.minRequests()),
                List.of());
    }
}
