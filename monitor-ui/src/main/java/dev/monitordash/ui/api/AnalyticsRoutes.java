package dev.monitordash.ui.api;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.query.AnalyticsQueries;
import dev.monitordash.core.query.Dimension;
import dev.monitordash.core.query.ReportSide;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.query.UnknownEndpointException;
import dev.monitordash.core.report.ReportSettings;
import dev.monitordash.core.report.Reports;
import dev.monitordash.ui.auth.AuthRoutes;
import dev.monitordash.ui.auth.UserSession;
import dev.monitordash.ui.http.Exchange;
import dev.monitordash.ui.http.HttpError;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

/**
 * The read-only GET routes behind the analytics pages, one per chart, plus the report and the export;
 * documented in {@code docs/api.md}. Parameters are checked before the store is asked
 * ({@link QueryParams}); an endpoint the store does not know is a 400, like every other bad input.
 */
final class AnalyticsRoutes {

    /** Most recent failed requests listed by default, and at most. */
    static final int DEFAULT_FAILED = 20;
    static final int MAX_FAILED = 500;
    /** Users the endpoint page's user filter lists at most, those with most requests. */
    static final int MAX_USER_CHOICES = 1_000;

    private final Monitor monitor;
    private final Clock clock;
    private final RequestExportRoute export;

    AnalyticsRoutes(Monitor monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
        this.export = new RequestExportRoute(monitor.config());
    }

    /** Answers the route if it is one of ours; false for any other path. */
    boolean handle(Exchange ex, UserSession session) throws IOException {
        String path = ex.path();
        boolean export = path.equals("/api/export") || path.equals("/api/export/count");
        if (!path.startsWith("/api/analytics/") && !path.startsWith("/api/endpoint/") && !export) {
            return false;
        }
        ex.requireMethod("GET");
        if (export) {
            AuthRoutes.requireAdmin(session);
        }
        ZoneId zone = monitor.config().timezone();
        QueryParams params = new QueryParams(ex.request(), zone, clock);
        AnalyticsQueries q = monitor.queries().analytics();
        try {
            Object body = answer(path, params, q, zone, ex);
            if (body == null) {
                return true; // streamed
            }
            ex.json(200, body);
        } catch (UnknownEndpointException e) {
            throw HttpError.badRequest("unknown endpoint: " + QueryParams.printable(e.endpoint()));
        }
        return true;
    }

    private Object answer(String path, QueryParams p, AnalyticsQueries q, ZoneId zone, Exchange ex) throws IOException {
        switch (path) {
            case "/api/analytics/load": {
                QueryParams.Range r = p.range();
                return AnalyticsViews.heatmap(q.loadHeatmap(r.firstDay(), r.lastDay(), zone));
            }
            case "/api/analytics/daily-hits": {
                QueryParams.Range r = p.range();
                return AnalyticsViews.daily(zone.getId(), q.dailyHits(r.firstDay(), r.lastDay(), zone));
            }
            case "/api/analytics/version-usage":
                return AnalyticsViews.usage(q.versionUsage(p.range().time()));
            case "/api/analytics/performance":
                return Map.of("endpoints", q.endpointBoxes(p.range().time()));
            case "/api/analytics/report":
                return report(p, q, reportSettings());
            case "/api/analytics/version-report":
                return monitor.versionReports().newest()
                        .map(v -> ReportViews.version(v, reportSettings()))
                        .orElseGet(() -> ReportViews.noVersionToCompare(reportSettings()));
            case "/api/endpoint/heatmap": {
                String endpoint = p.required("endpoint");
                QueryParams.Range r = p.range();
                return AnalyticsViews.heatmap(q.endpointHeatmap(endpoint, r.firstDay(), r.lastDay(), zone, p.user()));
            }
            case "/api/endpoint/hourly": {
                String endpoint = p.required("endpoint");
                return AnalyticsViews.hourly(endpoint, zone.getId(), q.lastTwoDays(endpoint, zone, p.user()));
            }
            case "/api/endpoint/versions": {
                String endpoint = p.required("endpoint");
                return AnalyticsViews.versions(endpoint, q.versionBoxes(endpoint, p.range().time(), p.user()));
            }
            case "/api/endpoint/users": {
                String endpoint = p.required("endpoint");
                TimeRange range = p.range().time();
                return q.userBoxes(endpoint, range, p.optional("version"), p.topN());
            }
            case "/api/endpoint/user-versions": {
                String endpoint = p.required("endpoint");
                TimeRange range = p.range().time();
                return q.bubbles(endpoint, range, Dimension.USER, p.topN());
            }
            case "/api/endpoint/ip-versions": {
                String endpoint = p.required("endpoint");
                TimeRange range = p.range().time();
                return q.bubbles(endpoint, range, Dimension.IP, p.topN());
            }
            case "/api/endpoint/status": {
                String endpoint = p.required("endpoint");
                TimeRange range = p.range().time();
                int failed = p.integer("failed", 0, MAX_FAILED, DEFAULT_FAILED);
                return AnalyticsViews.status(endpoint, q.statusCodes(endpoint, range, failed, p.user()));
            }
            case "/api/endpoint/filters": {
                String endpoint = p.required("endpoint");
                return q.filterChoices(endpoint, p.range().time(), MAX_USER_CHOICES);
            }
            case "/api/export":
                export.stream(ex, p, q);
                return null;
            case "/api/export/count":
                return export.count(p, q);
            default:
                throw HttpError.notFound();
        }
    }

    /**
     * Two versions over one range ({@code beforeVersion}, {@code afterVersion}, {@code from}, {@code to}),
     * or two intervals ({@code beforeFrom} ... {@code afterTo}), optionally of one version each.
     */
    private ReportSettings reportSettings() {
        return ReportSettings.of(monitor.config());
    }

    private static ReportViews.ReportView report(QueryParams p, AnalyticsQueries q, ReportSettings settings) {
        boolean intervals = p.hasAny("beforeFrom", "beforeTo", "afterFrom", "afterTo");
        String beforeVersion = p.optional("beforeVersion");
        String afterVersion = p.optional("afterVersion");
        if (!intervals && (beforeVersion == null || afterVersion == null)) {
            throw HttpError.badRequest("give 'beforeVersion' and 'afterVersion', or the intervals 'beforeFrom', "
                    + "'beforeTo', 'afterFrom' and 'afterTo'");
        }
        if (intervals) {
            for (String name : new String[] {"beforeFrom", "beforeTo", "afterFrom", "afterTo"}) {
                p.required(name);
            }
        }
        TimeRange before = intervals ? p.range("beforeFrom", "beforeTo").time() : p.range().time();
        TimeRange after = intervals ? p.range("afterFrom", "afterTo").time() : before;
        return ReportViews.report(new Reports(q, settings).compare(new ReportSide(beforeVersion, before),
                new ReportSide(afterVersion, after)));
    }
}
