package dev.monitordash.core.report;

import dev.monitordash.core.stats.MannWhitney;
import java.util.List;
import java.util.Map;

/**
 * One endpoint's change from before to after.
 *
 * @param meanBefore   exact mean before, ms
 * @param meanAfter    exact mean after, ms
 * @param statusBefore requests per status class ("2xx" ... "5xx") before, exact
 * @param centre       Mann-Whitney on every request of both sides (null when not enough data); its effect
 *                     is the rank-biserial correlation, positive when slower
 * @param parts        median, p90 and p99 before and after, and their tests
 * @param extraSeconds time the change cost in total: requests after × (mean after − mean before), seconds;
 *                     negative when it saves time
 * @param summary      what changed in words: "p90 2.0× slower (59.5 → 119.9 ms), median unchanged"
 * @param checks       the confounders checked (only for changed endpoints)
 */
public record EndpointChange(String endpoint, long requestsBefore, long requestsAfter, double meanBefore,
        double meanAfter, Map<String, Long> statusBefore, Map<String, Long> statusAfter, MannWhitney.Result centre,
        List<PartChange> parts, Verdict verdict, double extraSeconds, String summary, List<Check> checks) {

    public EndpointChange {
        statusBefore = Map.copyOf(statusBefore);
        statusAfter = Map.copyOf(statusAfter);
        parts = List.copyOf(parts);
        checks = List.copyOf(checks);
    }

    public PartChange part(Part part) {
        return parts.stream().filter(c -> c.part() == part).findFirst().orElseThrow();
    }

    public boolean enoughData() {
        return verdict != Verdict.NOT_ENOUGH_DATA;
    }

    /**
     * The most central significant part (the median before p90 before p99; the median when none is): what
     * the change is about, for ranking by relative change and for the confounder checks, which need the
     * most requests for the highest quantiles.
     */
    public PartChange leading() {
        return parts.stream().filter(PartChange::significant).findFirst().orElse(part(Part.MEDIAN));
    }

    /** The leading part's relative change, after / before − 1 (0.2 for +20 %). */
    public double relativeChange() {
        return leading().ratio() - 1;
    }

    /** Whether a checked confounder accounts for the change. */
    public boolean explainedBy(Check.Kind kind) {
        return checks.stream().anyMatch(c -> c.kind() == kind && c.explains());
    }

    /** Share of requests with status ≥ 400 before and after. */
    public double errorShareBefore() {
        return errorShare(statusBefore, requestsBefore);
    }

    public double errorShareAfter() {
        return errorShare(statusAfter, requestsAfter);
    }

    private static double errorShare(Map<String, Long> classes, long requests) {
        return (classes.getOrDefault("4xx", 0L) + classes.getOrDefault("5xx", 0L)) / (double) requests;
    }

    EndpointChange withChecks(List<Check> found) {
        return new EndpointChange(endpoint, requestsBefore, requestsAfter, meanBefore, meanAfter, statusBefore,
                statusAfter, centre, parts, verdict, extraSeconds, summary, found);
    }
}
