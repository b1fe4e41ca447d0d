package dev.monitordash.ui.api;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.query.DashboardQueries;
import dev.monitordash.core.query.GroupedProfile;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.query.UnknownEndpointException;
import dev.monitordash.ui.http.Exchange;
import dev.monitordash.ui.http.HttpError;

import java.io.IOException;
import java.time.Clock;

/**
 * The read-only GET routes behind the outliers and profile pages (levels 2 and 3); documented in
 * {@code docs/api.md}. Parameters are checked first ({@link QueryParams}); an unknown endpoint is a 400,
 * an id with no stored outlier or profile (any more: retention deletes old ones) a 404.
 */
final class OutlierRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final int DEFAULT_LAST = 20;

    private final Monitor monitor;
    private final Clock clock;

    OutlierRoutes(Monitor monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    /** Answers the route if it is one of ours; false for any other path. */
    boolean handle(Exchange ex) throws IOException {
        String path = ex.path();
        if (!path.equals("/api/outlier") && !path.startsWith("/api/outliers") && !path.startsWith("/api/profile")) {
            return false;
        }
        ex.requireMethod("GET");
        QueryParams p = new QueryParams(ex.request(), monitor.config().timezone(), clock);
        try {
            ex.json(200, answer(path, p, monitor.queries()));
        } catch (UnknownEndpointException e) {
            throw HttpError.badRequest("unknown endpoint: " + QueryParams.printable(e.endpoint()));
        }
        return true;
    }

    private Object answer(String path, QueryParams p, DashboardQueries q) {
        switch (path) {
            case "/api/outliers": {
                String endpoint = p.required("endpoint");
                TimeRange range = optionalRange(p);
                int limit = p.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
                return OutlierViews.list(endpoint, q.outliers(endpoint, range, limit));
            }
            case "/api/outliers/cpu": {
                String endpoint = p.required("endpoint");
                TimeRange range = optionalRange(p);
                return q.outlierCpu(endpoint, range, p.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT));
            }
            case "/api/outlier": {
                long id = p.id("id");
                return OutlierViews.detail(q.outlier(id).orElseThrow(() -> gone("outlier", id)));
            }
            case "/api/profiles": {
                String endpoint = p.required("endpoint");
                int limit = p.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
                q.analytics().requireEndpoint(endpoint);
                return ProfileViews.list(endpoint, q.profiles(endpoint, limit));
            }
            case "/api/profile": {
                long id = p.id("id");
                return ProfileViews.tree(q.profile(id).orElseThrow(() -> gone("profile", id)), id, 1);
            }
            case "/api/profile/grouped": {
                String endpoint = p.required("endpoint");
                int last = p.integer("last", 1, MAX_LIMIT, DEFAULT_LAST);
                q.analytics().requireEndpoint(endpoint);
                GroupedProfile g = q.groupedProfile(endpoint, last);
                return ProfileViews.tree(g.merged(), null, g.requests());
            }
            default:
                throw HttpError.notFound();
        }
    }

    /** Outliers are few (retention keeps the newest per endpoint): no range means all of them. */
    private static TimeRange optionalRange(QueryParams p) {
        return p.hasAny("from", "to") ? p.range().time() : null;
    }

    private static HttpError gone(String what, long id) {
        return new HttpError(404, "no " + what + " " + id + " (retention may have deleted it)");
    }
}
