package dev.monitordash.core.report;

import dev.monitordash.core.query.EndpointTimes;
import dev.monitordash.core.query.GroupTimes;
import dev.monitordash.core.query.ReportDetail;
import dev.monitordash.core.rollup.DurationSketch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The obvious other explanations of a finding, each checked on the most central part that changed
 * ({@link EndpointChange#leading()}), each by asking whether the change remains without it:
 *
 * <ul>
 *   <li><b>Hours</b>: the quantile compared within each UTC hour of the day with enough requests on both
 *       sides, the ratios averaged (weighted by n₁n₂/(n₁ + n₂)), and the part's test stratified by hour
 *       (Mantel-Haenszel, {@link TailTest#stratified}). Busy hours are slower; a version whose requests fell
 *       mostly in them looks slower with no change of code (issue 10: +11-15 %). Explained when within
 *       matching hours the change is below the minimum effect, or not significant (p &ge; 0.01).</li>
 *   <li><b>Users</b>: the users that added most time (their requests after × their own change of the
 *       mean) taken out of both sides, one, two, then three; concentrated in them when the rest no longer
 *       changed (below the minimum effect, or its own test p &ge; 0.01). One user's requests 3× slower
 *       looked like an endpoint regression.</li>
 *   <li><b>Instance</b>: with two or more instances, the instance that added most time taken out alike.</li>
 * </ul>
 *
 * <p>Each check is one test at 1 % per finding, not a family: in the scenario tests about 1 in 50
 * confounded findings is not recognised as such (docs/dashboard.md).
 */
final class Confounders {

    /** Users taken out at most: beyond a few, "concentrated" means little. */
    static final int MAX_USERS = 3;
    /** Level of the test that a change remains without a confounder (one test per finding, no family). */
    static final double REMAINS_ALPHA = 0.01;
    /** A user's own mean before is its baseline from this many requests; below, the endpoint's. */
    private static final long OWN_BASELINE = 10;

    private Confounders() {
    }

    static List<Check> check(EndpointChange change, EndpointTimes times, ReportDetail detail, ReportSettings settings) {
        PartChange leading = change.leading();
        int direction = leading.after() > leading.before() ? 1 : -1;
        List<Check> out = new ArrayList<>();
        out.add(hours(leading, detail, settings));
        out.add(users(leading, direction, detail, settings));
        Check instance = instance(leading, direction, times, settings);
        if (instance != null) {
            out.add(instance);
        }
        return out;
    }

    static Check hours(PartChange leading, ReportDetail detail, ReportSettings settings) {
        Part part = leading.part();
        double weightedLog = 0;
        double weights = 0;
        long covered = 0;
        long total = 0;
        List<TailTest.Stratum> strata = new ArrayList<>();
        for (int h = 0; h < ReportDetail.HOURS; h++) {
            DurationSketch b = detail.hoursBefore().get(h);
            DurationSketch a = detail.hoursAfter().get(h);
            total += b.count() + a.count();
            strata.add(new TailTest.Stratum(b, a));
            if (b.count() < part.minRequests() || a.count() < part.minRequests()) {
                continue;
            }
            double qb = b.quantile(part.quantile());
            double qa = a.quantile(part.quantile());
            if (!(qb > 0 && qa > 0)) {
                continue;
            }
            double w = (double) b.count() * a.count() / (b.count() + a.count());
            weightedLog += w * Math.log(qa / qb);
            weights += w;
            covered += b.count() + a.count();
        }
        if (weights == 0) {
            return Check.of(Check.Kind.HOURS, false, String.format(Locale.ROOT, "Hours not compared: no hour of "
                    + "the day has %d requests on both sides.", part.minRequests()));
        }
        double within = Math.exp(weightedLog / weights);
        TailTest.Result stratified = TailTest.stratified(strata, part.quantile());
        List<String> notes = new ArrayList<>();
        if (covered < total) {
            notes.add(String.format(Locale.ROOT, "over the %.0f %% of requests in hours with enough of both",
                    100.0 * covered / total));
        }
        notes.add("stratified test " + Wording.p(stratified.p()));
        String extra = " (" + String.join("; ", notes) + ")";
        String what = "the " + part.label() + " changed " + Wording.percent(within - 1);
        boolean sameWay = Math.signum(within - 1) == Math.signum(leading.ratio() - 1)
                && Math.signum(stratified.z()) == Math.signum(leading.ratio() - 1);
        if (!settings.relevant(within) || !sameWay) {
            return Check.of(Check.Kind.HOURS, true, "Explained by a different mix of hours of the day (load): "
                    + "within matching hours " + what + " only, against " + Wording.percent(leading.ratio() - 1)
                    + " overall" + extra + ".");
        }
        if (stratified.p() >= REMAINS_ALPHA) {
            return Check.of(Check.Kind.HOURS, true, "Perhaps a different mix of hours of the day (load): within "
                    + "matching hours " + what + ", against " + Wording.percent(leading.ratio() - 1)
                    + " overall, and not significantly" + extra + ".");
        }
        return Check.of(Check.Kind.HOURS, false, "Not the mix of hours: within matching hours of the day " + what
                + " too" + extra + ".");
    }

    static Check users(PartChange leading, int direction, ReportDetail detail, ReportSettings settings) {
        Map<String, GroupTimes> before = byName(detail.usersBefore());
        Map<String, GroupTimes> after = byName(detail.usersAfter());
        GroupTimes allBefore = GroupTimes.merge(null, detail.usersBefore());
        List<String> named = after.keySet().stream().filter(Confounders::isUser).toList();
        if (named.size() + before.keySet().stream().filter(n -> isUser(n) && !after.containsKey(n)).count() < 2) {
            return Check.of(Check.Kind.USERS, false, named.isEmpty()
                    ? "Users not compared: the requests after had no named users."
                    : "Users not compared: one user only (" + named.get(0) + ").");
        }
        // What each user added in total, µs: its requests after × (its mean after − its mean before).
        Map<String, Double> added = new HashMap<>();
        for (String name : named) {
            GroupTimes a = after.get(name);
            GroupTimes b = before.get(name);
            double baseline = b != null && b.requests() >= OWN_BASELINE ? b.totalMicros() / (double) b.requests()
                    : allBefore.totalMicros() / (double) Math.max(1, allBefore.requests());
            added.put(name, direction * (a.totalMicros() - a.requests() * baseline));
        }
        List<String> top = named.stream().filter(n -> added.get(n) > 0)
                .sorted(Comparator.comparingDouble((String n) -> added.get(n)).reversed()).limit(MAX_USERS).toList();
        Part part = leading.part();
        double ratioWithout = Double.NaN;
        int tried = 0;
        for (int k = 1; k <= top.size(); k++) {
            Set<String> removed = new HashSet<>(top.subList(0, k));
            GroupTimes restBefore = GroupTimes.merge(null, without(detail.usersBefore(), removed));
            GroupTimes restAfter = GroupTimes.merge(null, without(detail.usersAfter(), removed));
            long enough = Math.max(settings.minRequests(), part.minRequests());
            if (restBefore.sketch().count() < enough || restAfter.sketch().count() < enough) {
                break;
            }
            ratioWithout = restAfter.sketch().quantile(part.quantile()) / restBefore.sketch().quantile(part.quantile());
            tried = k;
            if (!remains(restBefore, restAfter, part, direction, settings)) {
                List<String> users = top.subList(0, k);
                List<String> described = new ArrayList<>();
                for (String u : users) {
                    described.add(describe(u, before.get(u), after.get(u), part));
                }
                return new Check(Check.Kind.USERS, true, "Concentrated in " + (k == 1 ? "one user: " : k + " users: ")
                        + String.join("; ", described) + ". Without " + (k == 1 ? "this user" : "them") + " the "
                        + part.label() + " changed " + Wording.percent(ratioWithout - 1) + ".", users, null);
            }
        }
        if (tried == 0) {
            return Check.of(Check.Kind.USERS, false, top.isEmpty()
                    ? "Not one or a few users: no user added time on their own."
                    : "Users not compared: without the users that added most time too few requests remain.");
        }
        return Check.of(Check.Kind.USERS, false, "Not one or a few users: without the " + (tried == 1 ? "user"
                : tried + " users") + " that added most time the " + part.label() + " still changed "
                + Wording.percent(ratioWithout - 1) + ".");
    }

    static Check instance(PartChange leading, int direction, EndpointTimes times, ReportSettings settings) {
        Map<String, GroupTimes> before = byName(times.before().instances());
        Map<String, GroupTimes> after = byName(times.after().instances());
        Set<String> names = new HashSet<>(before.keySet());
        names.addAll(after.keySet());
        if (names.size() < 2) {
            return null; // one instance: nothing to tell apart
        }
        GroupTimes allBefore = times.before().all();
        double baseline = allBefore.totalMicros() / (double) allBefore.requests();
        String worst = null;
        double most = 0;
        for (GroupTimes a : times.after().instances()) {
            GroupTimes b = before.get(a.name());
            double own = b != null && b.requests() >= OWN_BASELINE ? b.totalMicros() / (double) b.requests() : baseline;
            double add = direction * (a.totalMicros() - a.requests() * own);
            if (add > most) {
                most = add;
                worst = a.name();
            }
        }
        Part part = leading.part();
        if (worst == null) {
            return Check.of(Check.Kind.INSTANCE, false, "Not one instance: no instance added time on its own.");
        }
        GroupTimes restBefore = GroupTimes.merge(null, without(times.before().instances(), Set.of(worst)));
        GroupTimes restAfter = GroupTimes.merge(null, without(times.after().instances(), Set.of(worst)));
        long enough = Math.max(settings.minRequests(), part.minRequests());
        if (restBefore.sketch().count() < enough || restAfter.sketch().count() < enough) {
            return Check.of(Check.Kind.INSTANCE, false, "Instances not compared: without " + worst
                    + " too few requests remain.");
        }
        double ratio = restAfter.sketch().quantile(part.quantile()) / restBefore.sketch().quantile(part.quantile());
        if (!remains(restBefore, restAfter, part, direction, settings)) {
            return new Check(Check.Kind.INSTANCE, true, "Concentrated in instance " + describe(worst, before.get(worst),
                    after.get(worst), part) + ". Without it the " + part.label() + " changed "
                    + Wording.percent(ratio - 1) + ".", List.of(), worst);
        }
        return Check.of(Check.Kind.INSTANCE, false, "Not one instance: without " + worst + ", the one that added most"
                + " time, the " + part.label() + " still changed " + Wording.percent(ratio - 1) + ".");
    }

    /**
     * Whether the change remains in the rest of the requests: the part still moved by the minimum effect
     * the same way, and its test still says so (p &lt; 0.01 on its own). Taking out a few users or one
     * instance costs little power, so a change spread over the rest stays significant; a p99 that wobbles
     * by a few percent without them does not count as remaining.
     */
    private static boolean remains(GroupTimes before, GroupTimes after, Part part, int direction,
            ReportSettings settings) {
        if (before.sketch().isEmpty() || after.sketch().isEmpty()) {
            return true; // unreadable sketches (the callers check counts first): claim no explanation
        }
        double ratio = after.sketch().quantile(part.quantile()) / before.sketch().quantile(part.quantile());
        if (!settings.relevant(ratio) || Math.signum(ratio - 1) != direction) {
            return false;
        }
        return TailTest.test(before.sketch(), after.sketch(), part.quantile()).p() < REMAINS_ALPHA;
    }

    /** A real user's name: not the requests without a user (null) nor the group beyond the cap (" other users"). */
    private static boolean isUser(String name) {
        return name != null && !name.startsWith(" ");
    }

    private static Map<String, GroupTimes> byName(List<GroupTimes> groups) {
        Map<String, GroupTimes> out = new HashMap<>();
        for (GroupTimes g : groups) {
            if (g.name() != null) {
                out.put(g.name(), g);
            }
        }
        return out;
    }

    private static List<GroupTimes> without(List<GroupTimes> groups, Set<String> names) {
        return groups.stream().filter(g -> g.name() == null || !names.contains(g.name())).toList();
    }

    /** "alice (600 requests, median 10.1 → 30.5 ms)". */
    private static String describe(String name, GroupTimes before, GroupTimes after, Part part) {
        String b = before == null || before.sketch().isEmpty() ? "none before"
                : Wording.millis(before.sketch().quantile(part.quantile()) / 1_000.0);
        String a = after == null || after.sketch().isEmpty() ? "none"
                : Wording.millis(after.sketch().quantile(part.quantile()) / 1_000.0);
        long n = after == null ? 0 : after.requests();
        return String.format(Locale.ROOT, "%s (%d requests, %s %s → %s)", name, n, part.label(), b, a);
    }
}
