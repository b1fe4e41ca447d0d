package dev.monitordash.ui.api;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.query.PartialReads;
import dev.monitordash.ui.auth.AuthRoutes;
import dev.monitordash.ui.auth.UserSession;
import dev.monitordash.ui.http.Exchange;
import dev.monitordash.ui.http.HttpError;
import dev.monitordash.ui.http.Json;

import java.io.IOException;
import java.time.Clock;

/**
 * The JSON API under {@code <dashboard>/api/}, for logged-in users (the caller has checked the session).
 * Each route checks, in this order: method (405), CSRF token for state changes (403), role (403), input
 * (400). Documented route by route in {@code docs/api.md}. An answer some of whose stored figures could not
 * be read (and are left out) says so in {@value #PARTIAL_HEADER}: how many stored values were skipped.
 */
public final class ApiRoutes {

    /** {@code GET api/session}: who is logged in, their CSRF token, and the zone times are shown in. */
    record SessionView(String user, String role, String csrfToken, String timezone) {
    }

    /** Header of an answer whose reads skipped unreadable stored values; its value is how many. */
    public static final String PARTIAL_HEADER = "X-MonitorDash-Partial";

    private final Monitor monitor;
    private final EndpointRows endpointRows;
    private final LevelChange levelChange;
    private final AnalyticsRoutes analytics;
    private final OutlierRoutes outliers;
    private final TestRoutes tests;
    private final AlertRoutes alerts;
    private final ResourceRoutes resources;
    private final ErrorRoutes errors;

    public ApiRoutes(Monitor monitor) {
        this(monitor, Clock.systemUTC());
    }

    /** @param clock what "today" is for the analytics routes' default range */
    public ApiRoutes(Monitor monitor, Clock clock) {
        this.monitor = monitor;
        this.endpointRows = new EndpointRows(monitor);
        this.levelChange = new LevelChange(monitor);
        this.analytics = new AnalyticsRoutes(monitor, clock);
        this.outliers = new OutlierRoutes(monitor, clock);
        this.tests = new TestRoutes(monitor, clock);
        this.alerts = new AlertRoutes(monitor, clock);
        this.resources = new ResourceRoutes(monitor, clock);
        this.errors = new ErrorRoutes(monitor, clock);
    }

    public void handle(Exchange ex, UserSession session) throws IOException {
        // Every store read of this request counts into the tally; closed before the thread serves another.
        try (PartialReads reads = PartialReads.track()) {
            ex.headerOnAnswer(PARTIAL_HEADER, () -> reads.isPartial() ? Integer.toString(reads.unreadable()) : null);
            route(ex, session);
        }
    }

    private void route(Exchange ex, UserSession session) throws IOException {
        switch (ex.path()) {
            case "/api/session":
                ex.requireMethod("GET");
                ex.json(200, new SessionView(session.user(), session.role().id(), session.csrfToken(),
                        monitor.config().timezone().getId()));
                break;
            case "/api/endpoints":
                ex.requireMethod("GET");
                ex.json(200, endpointRows.table());
                break;
            case "/api/endpoints/level":
                ex.requireMethod("PUT");
                AuthRoutes.requireCsrf(ex, session);
                AuthRoutes.requireAdmin(session);
                ex.json(200, levelChange.apply(Json.parse(ex.jsonBody()), session.user()));
                break;
            case "/api/overview":
                ex.requireMethod("GET");
                ex.json(200, OverviewView.of(monitor.queries(), monitor.config().timezone()));
                break;
            case "/api/status":
                ex.requireMethod("GET");
                ex.json(200, StatusView.of(monitor));
                break;
            default:
                if (!analytics.handle(ex, session) && !outliers.handle(ex) && !tests.handle(ex, session)
                        && !alerts.handle(ex, session) && !resources.handle(ex) && !errors.handle(ex)) {
                    throw HttpError.notFound();
                }
        }
    }
}
