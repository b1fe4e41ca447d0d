package dev.monitordash.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.Monitor;
import dev.monitordash.core.alert.AlertRule;
import dev.monitordash.core.alert.Alerting;
import dev.monitordash.core.alert.notify.FieldException;
import dev.monitordash.core.alert.notify.Receiver;
import dev.monitordash.ui.auth.AuthRoutes;
import dev.monitordash.ui.auth.UserSession;
import dev.monitordash.ui.http.Exchange;
import dev.monitordash.ui.http.HttpError;
import dev.monitordash.ui.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The alert routes under {@code api/alerts} (docs/api.md#alerts): rules, alert states, silences and the
 * notification history are readable by every logged-in user; rules and silences are changed by admins
 * only; receivers (which hold addresses and secrets) are admin-only altogether, and their secrets are never
 * sent back. Checks in the API's order: method, CSRF, role, input (400 naming the field).
 */
final class AlertRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRoutes.class);
    static final int DEFAULT_HISTORY = 100;
    static final int MAX_HISTORY = 1_000;

    private final Monitor monitor;
    private final Clock clock;

    AlertRoutes(Monitor monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    /** Answers the route if it is one of ours; false for any other path. */
    boolean handle(Exchange ex, UserSession session) throws IOException {
        String path = ex.path();
        if (!path.equals("/api/alerts") && !path.startsWith("/api/alerts/")) {
            return false;
        }
        Alerting alerting = monitor.alerting()
                .orElseThrow(() -> new HttpError(404, "alerting needs a SQL store (SQLite or PostgreSQL)"));
        try {
            route(ex, session, alerting, path);
        } catch (FieldException e) {
            throw HttpError.badRequest(e.getMessage());
        } catch (NoSuchElementException e) {
            throw new HttpError(404, e.getMessage());
        }
        return true;
    }

    private void route(Exchange ex, UserSession session, Alerting a, String path) throws IOException {
        switch (path) {
            case "/api/alerts" -> {
                ex.requireMethod("GET");
                List<AlertRule> rules = a.rules().rules();
                ex.json(200, Map.of("status", AlertViews.status(a.status()),
                        "alerts", AlertViews.alerts(a.alerts(), rules)));
            }
            case "/api/alerts/rules" -> rules(ex, session, a);
            case "/api/alerts/silences" -> silences(ex, session, a);
            case "/api/alerts/receivers" -> receivers(ex, session, a);
            case "/api/alerts/receivers/test" -> {
                ex.requireMethod("POST");
                AuthRoutes.requireCsrf(ex, session);
                AuthRoutes.requireAdmin(session);
                long id = AlertInput.id(Json.parse(ex.jsonBody()), "id");
                String error = a.sendTest(id);
                ex.json(200, error == null ? Map.of("sent", true) : Map.of("sent", false, "error", error));
            }
            case "/api/alerts/notifications" -> {
                ex.requireMethod("GET");
                QueryParams p = new QueryParams(ex.request(), monitor.config().timezone(), clock);
                ex.json(200, AlertViews.history(a.history(p.integer("limit", 1, MAX_HISTORY, DEFAULT_HISTORY))));
            }
            default -> throw HttpError.notFound();
        }
    }

    private void rules(Exchange ex, UserSession session, Alerting a) throws IOException {
        switch (ex.method()) {
            case "GET" -> ex.json(200, AlertViews.rules(a.rules().rules()));
            case "POST", "PUT" -> {
                AuthRoutes.requireCsrf(ex, session);
                AuthRoutes.requireAdmin(session);
                JsonNode body = Json.parse(ex.jsonBody());
                Long id = ex.method().equals("PUT") ? AlertInput.id(body, "id") : null;
                AlertRule saved = a.rules().save(AlertInput.rule(body, id), clock.instant());
                LOG.info("MonitorDash: {} saved alert rule {} ({})", printable(session.user()), printable(saved.name()),
                        saved.condition());
                ex.json(ex.method().equals("POST") ? 201 : 200, AlertViews.rule(saved));
            }
            case "DELETE" -> {
                AuthRoutes.requireCsrf(ex, session);
                AuthRoutes.requireAdmin(session);
                long id = idParam(ex);
                if (!a.rules().delete(id)) {
                    throw new HttpError(404, "no alert rule " + id);
                }
                ex.noContent();
            }
            default -> throw HttpError.methodNotAllowed("GET", "POST", "PUT", "DELETE");
        }
    }

    private void silences(Exchange ex, UserSession session, Alerting a) throws IOException {
        switch (ex.method()) {
            case "GET" -> ex.json(200, AlertViews.silences(a.rules().silences(), a.rules().rules(), clock.instant()));
            case "POST" -> {
                AuthRoutes.requireCsrf(ex, session);
                AuthRoutes.requireAdmin(session);
                var saved = a.rules().addSilence(AlertInput.silence(Json.parse(ex.jsonBody()), session.user(), clock.instant()));
                ex.json(201, AlertViews.silences(List.of(saved), a.rules().rules(), clock.instant()).get(0));
            }
            case "DELETE" -> {
                AuthRoutes.requireCsrf(ex, session);
                AuthRoutes.requireAdmin(session);
                long id = idParam(ex);
                if (!a.rules().deleteSilence(id)) {
                    throw new HttpError(404, "no silence " + id);
                }
                ex.noContent();
            }
            default -> throw HttpError.methodNotAllowed("GET", "POST", "DELETE");
        }
    }

    private void receivers(Exchange ex, UserSession session, Alerting a) throws IOException {
        String m = ex.method();
        if (!List.of("GET", "POST", "PUT", "DELETE").contains(m)) {
            throw HttpError.methodNotAllowed("GET", "POST", "PUT", "DELETE");
        }
        if (!m.equals("GET")) {
            AuthRoutes.requireCsrf(ex, session);
        }
        AuthRoutes.requireAdmin(session);
        switch (m) {
            case "GET" -> ex.json(200, a.receivers().receivers().stream().map(AlertViews::receiver).toList());
            case "POST", "PUT" -> {
                JsonNode body = Json.parse(ex.jsonBody());
                Long id = m.equals("PUT") ? AlertInput.id(body, "id") : null;
                Optional<Receiver> stored = id == null ? Optional.empty() : a.receivers().receiver(id);
                if (id != null && stored.isEmpty()) {
                    throw new HttpError(404, "no receiver " + id);
                }
                Receiver saved = a.receivers().save(AlertInput.receiver(body, id, stored), clock.instant());
                LOG.info("MonitorDash: {} saved {} receiver {}", printable(session.user()), saved.kind().id(),
                        printable(saved.name()));
                ex.json(m.equals("POST") ? 201 : 200, AlertViews.receiver(saved));
            }
            default -> {
                long id = idParam(ex);
                if (!a.receivers().delete(id)) {
                    throw new HttpError(404, "no receiver " + id);
                }
                ex.noContent();
            }
        }
    }

    private static long idParam(Exchange ex) {
        String raw = ex.request().getParameter("id");
        if (raw == null) {
            throw HttpError.badRequest("'id' is required");
        }
        try {
            long id = Long.parseLong(raw);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("'id' must be a positive integer");
        }
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
