package dev.monitordash.ui.api;

import dev.monitordash.core.query.ReportSide;
import dev.monitordash.core.report.Check;
import dev.monitordash.core.report.EndpointChange;
import dev.monitordash.core.report.Part;
import dev.monitordash.core.report.PartChange;
import dev.monitordash.core.report.Report;
import dev.monitordash.core.report.ReportSettings;
import dev.monitordash.core.report.VersionReport;
import dev.monitordash.core.stats.MannWhitney;

import java.util.List;
import java.util.Map;

import static dev.monitordash.ui.api.AnalyticsViews.finite;

/**
 * The JSON of the report ({@code GET api/analytics/report}) and of the automatic report of the newest
 * version ({@code GET api/analytics/version-report}), documented in docs/api.md. The fields of the first
 * report (medians, p90, {@code p}, {@code effect}, {@code significant}, {@code alpha}) keep their names.
 */
final class ReportViews {

    private ReportViews() {
    }

    record Side(String version, String from, String to) {
    }

    record PartView(String part, Double before, Double after, Double ratio, boolean tested, Double p,
            Double adjustedP, boolean significant) {
    }

    record CheckView(String kind, boolean explains, String text, List<String> users, String instance) {
    }

    /**
     * One endpoint. {@code p} and {@code effect} are the Mann-Whitney test's on every request (null when not
     * enough data); {@code significant} is true when the report calls the endpoint changed (any part,
     * after the false discovery rate and the minimum effect).
     */
    record Change(String endpoint, long requestsBefore, long requestsAfter, boolean enoughData, String verdict,
            String summary, Double medianBefore, Double medianAfter, Double p90Before, Double p90After,
            Double p99Before, Double p99After, Double meanBefore, Double meanAfter, Map<String, Long> statusBefore,
            Map<String, Long> statusAfter, double errorShareBefore, double errorShareAfter, Double p, Double effect,
            boolean significant, double extraSeconds, Double relativeChange, List<PartView> parts,
            List<CheckView> checks) {
    }

    /**
     * @param alpha the false discovery rate, under its first name
     * @param tests how many tests (endpoints × parts) the rate is controlled across
     */
    record ReportView(Side before, Side after, double alpha, double falseDiscoveryRate, double minEffect,
            long minRequests, int tests, List<Change> endpoints, List<Change> slower, List<Change> faster,
            List<String> notEnoughData) {
    }

    /**
     * @param status "ready" (an endpoint has the minimum requests on both sides), "waiting" (not yet), or
     *               "one version" (nothing to compare with)
     */
    record VersionReportView(String status, String version, String previous, String since, long requests,
            long minRequests, int compared, int notEnoughData, double falseDiscoveryRate, double minEffect,
            List<Change> slower, List<Change> faster) {
    }

    static ReportView report(Report r) {
        ReportSettings s = r.settings();
        return new ReportView(side(r.before()), side(r.after()), s.falseDiscoveryRate(), s.falseDiscoveryRate(),
                s.minEffect(), s.minRequests(), r.tests(), changes(r.endpoints()), changes(r.slower()),
                changes(r.faster()), r.notEnoughData().stream().map(EndpointChange::endpoint).toList());
    }

    static VersionReportView version(VersionReport v, ReportSettings settings) {
        Report r = v.report();
        return new VersionReportView(v.ready() ? "ready" : "waiting", v.version(), v.previous(),
                v.since().toString(), v.requests(), settings.minRequests(), r.endpoints().size(),
                r.notEnoughData().size(), settings.falseDiscoveryRate(), settings.minEffect(),
                v.ready() ? changes(r.slower()) : List.of(), v.ready() ? changes(r.faster()) : List.of());
    }

    static VersionReportView noVersionToCompare(ReportSettings settings) {
        return new VersionReportView("one version", null, null, null, 0, settings.minRequests(), 0, 0,
                settings.falseDiscoveryRate(), settings.minEffect(), List.of(), List.of());
    }

    private static Side side(ReportSide s) {
        return new Side(s.version(), s.range().from().toString(), s.range().to().toString());
    }

    private static List<Change> changes(List<EndpointChange> changes) {
        return changes.stream().map(ReportViews::change).toList();
    }

    private static Change change(EndpointChange c) {
        MannWhitney.Result t = c.centre();
        PartChange median = c.part(Part.MEDIAN);
        PartChange p90 = c.part(Part.P90);
        PartChange p99 = c.part(Part.P99);
        return new Change(c.endpoint(), c.requestsBefore(), c.requestsAfter(), c.enoughData(), c.verdict().label(),
                c.summary(), finite(median.before()), finite(median.after()), finite(p90.before()),
                finite(p90.after()), finite(p99.before()), finite(p99.after()), finite(c.meanBefore()),
                finite(c.meanAfter()), c.statusBefore(), c.statusAfter(), c.errorShareBefore(), c.errorShareAfter(),
                t == null ? null : finite(t.p()), t == null ? null : finite(t.effect()), c.verdict().changed(),
                c.extraSeconds(), finite(c.relativeChange()),
                c.parts().stream().map(p -> new PartView(p.part().label(), finite(p.before()), finite(p.after()),
                        finite(p.ratio()), p.tested(), finite(p.p()), finite(p.adjustedP()), p.significant())).toList(),
                c.checks().stream().map(k -> new CheckView(k.kind().label(), k.explains(), k.text(), k.users(),
                        k.instance())).toList());
    }
}
