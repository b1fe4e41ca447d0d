package dev.monitordash.ui.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.ui.http.Exchange;
import dev.monitordash.ui.http.HttpError;
import dev.monitordash.ui.http.Json;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Login, logout, and the two checks every other route relies on: who is logged in ({@link #session})
 * and whether a state-changing request carries the session's CSRF token ({@link #requireCsrf}).
 */
public final class AuthRoutes {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Name of the hidden form field carrying the CSRF token in plain HTML forms (logout). */
    public static final String CSRF_FIELD = "_csrf";

    /** What login answers: who is logged in and the token for state-changing requests. */
    public record LoginResult(String user, String role, String csrfToken) {
    }

    private final Accounts accounts;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final Function<HttpServletRequest, String> clientAddress;

    public AuthRoutes(Accounts accounts, SessionStore sessions, LoginThrottle throttle,
            Function<HttpServletRequest, String> clientAddress) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.clientAddress = clientAddress;
    }

    /** The request's live session, if its cookie carries one. */
    public Optional<UserSession> session(Exchange ex) {
        for (String token : SessionCookie.read(ex.request())) {
            Optional<UserSession> s = sessions.find(token);
            if (s.isPresent()) {
                return s;
            }
        }
        return Optional.empty();
    }

    /** {@code POST api/login} with {@code {"username": ..., "password": ...}}. */
    public void login(Exchange ex) throws IOException {
        ex.requireMethod("POST");
        rejectCrossSite(ex);
        String client = String.valueOf(clientAddress.apply(ex.request()));
        Duration wait = throttle.lockedFor(client);
        if (!wait.isZero()) {
            throw tooManyAttempts("too many failed logins from your address", wait);
        }
        // Successful logins count too: each makes a session, and one address must not churn them.
        wait = throttle.tryAttempt(client);
        if (!wait.isZero()) {
            throw tooManyAttempts("too many logins from your address", wait);
        }
        JsonNode body = Json.parse(ex.jsonBody());
        String user = Json.requiredText(body, "username");
        String password = Json.requiredText(body, "password");
        Optional<Role> role = accounts.authenticate(user, password);
        if (role.isEmpty()) {
            throttle.failed(client);
            throw new HttpError(401, "wrong user name or password");
        }
        throttle.succeeded(client);
        // Always a fresh token, and any session the browser held before is ended: a session id planted
        // before login (fixation) is never promoted.
        session(ex).ifPresent(sessions::invalidate);
        SessionStore.Created created = sessions.create(user, role.get());
        SessionCookie.set(ex.request(), ex.response(), ex.basePath(), created.token());
        UserSession s = created.session();
        ex.json(200, new LoginResult(s.user(), s.role().id(), s.csrfToken()));
    }

    /** {@code POST logout}, from the layout's form (hidden {@code _csrf} field) or from fetch (header). */
    public void logout(Exchange ex, UserSession session) {
        ex.requireMethod("POST");
        requireCsrf(ex, session);
        sessions.invalidate(session);
        SessionCookie.clear(ex.request(), ex.response(), ex.basePath());
        ex.redirect(303, "/login");
    }

    /** Refuses (403, nothing changed) a state-changing request without the session's CSRF token. */
    public static void requireCsrf(Exchange ex, UserSession session) {
        HttpServletRequest req = ex.request();
        String presented = req.getHeader(CSRF_HEADER);
        if (presented == null && isForm(req)) {
            presented = req.getParameter(CSRF_FIELD);
        }
        if (!session.csrfMatches(presented)) {
            throw HttpError.forbidden("missing or wrong CSRF token (send it in the " + CSRF_HEADER + " header)");
        }
    }

    /** Refuses (403) a non-admin. */
    public static void requireAdmin(UserSession session) {
        if (!session.isAdmin()) {
            throw HttpError.forbidden("only an admin may do this");
        }
    }

    private static boolean isForm(HttpServletRequest req) {
        String type = req.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    // Login has no session yet, so no CSRF token; browsers say where a request comes from instead.
    // Without this, another site could log a victim into the attacker's account (login CSRF).
    private static void rejectCrossSite(Exchange ex) {
        CrossSiteCheck.refusal(ex.request()).ifPresent(why -> {
            throw HttpError.forbidden("login is only accepted from the dashboard's own login page: " + why);
        });
    }

    private static HttpError tooManyAttempts(String what, Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new HttpError(429, what + "; try again in " + seconds + " s",
                Map.of("Retry-After", Long.toString(seconds)), Map.of("retryAfterSeconds", seconds));
    }
}
