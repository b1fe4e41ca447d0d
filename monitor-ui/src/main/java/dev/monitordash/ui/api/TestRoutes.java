package dev.monitordash.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.Monitor;
import dev.monitordash.core.query.TestQueries;
import dev.monitordash.core.tests.ApiToken;
import dev.monitordash.core.tests.IssuedToken;
import dev.monitordash.core.tests.TestStore;
import dev.monitordash.ui.auth.AuthRoutes;
import dev.monitordash.ui.auth.UserSession;
import dev.monitordash.ui.http.Exchange;
import dev.monitordash.ui.http.HttpError;
import dev.monitordash.ui.http.Json;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Tests page's routes under {@code api/tests/} (docs/api.md#tests): its read-only views for every
 * logged-in user, and the API tokens CI posts runs with, for admins only. The post itself
 * ({@code api/tests/results}) is token-authenticated and served before the login check
 * ({@link dev.monitordash.ui.tests.TestResultsRoute}).
 */
final class TestRoutes {

    static final int DEFAULT_SLOWEST = 20;
    static final int MAX_SLOWEST = 1_000;
    static final int MAX_NAMES = 5_000;
    static final int DEFAULT_PER_ENDPOINT = 20;
    static final int MAX_PER_ENDPOINT = 1_000;
    /** Names are compared with stored ones only; anything longer than a stored name can be is refused. */
    static final int MAX_PARAM_LENGTH = 2_100;
    static final int MAX_TOKEN_NAME = 100;
    static final int MAX_TOKEN_DAYS = 3_650;

    /** One API token as the page lists it. */
    record TokenView(long id, String name, String createdBy, String createdAt, String expiresAt, String lastUsed,
            boolean expired) {
    }

    /** A version with test runs; times as ISO-8601 instants. */
    record VersionView(String version, int runs, String firstRun, String lastRun) {
    }

    private final Monitor monitor;
    private final Clock clock;

    TestRoutes(Monitor monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    /** Answers the route if it is one of ours; false for any other path. */
    boolean handle(Exchange ex, UserSession session) throws IOException {
        String path = ex.path();
        if (!path.startsWith("/api/tests/")) {
            return false;
        }
        TestStore tests = monitor.store().tests();
        if (path.equals("/api/tests/tokens")) {
            tokens(ex, session, tests);
            return true;
        }
        ex.requireMethod("GET");
        QueryParams p = new QueryParams(ex.request(), monitor.config().timezone(), clock);
        TestQueries q = tests.queries();
        Object body;
        switch (path) {
            case "/api/tests/versions" -> body = q.versions().stream().map(v -> new VersionView(v.version(), v.runs(),
                    v.firstRun().toString(), v.lastRun().toString())).toList();
            case "/api/tests/outcomes" -> body = q.outcomes();
            case "/api/tests/names" -> body = q.tests(p.integer("limit", 1, MAX_NAMES, MAX_NAMES));
            case "/api/tests/slowest" -> {
                String version = bounded(p, "version");
                body = Map.of("version", version, "tests",
                        q.slowest(version, p.integer("limit", 1, MAX_SLOWEST, DEFAULT_SLOWEST)));
            }
            case "/api/tests/boxes" -> body = q.boxes(bounded(p, "test"));
            case "/api/tests/compare" -> body = q.compare(bounded(p, "before"), bounded(p, "after"));
            case "/api/tests/endpoints" -> body = q.endpoints(
                    p.integer("limit", 1, MAX_PER_ENDPOINT, DEFAULT_PER_ENDPOINT));
            default -> throw HttpError.notFound();
        }
        ex.json(200, body);
        return true;
    }

    private static String bounded(QueryParams p, String name) {
        String value = p.required(name);
        if (value.length() > MAX_PARAM_LENGTH) {
            throw HttpError.badRequest("'" + name + "' may be at most " + MAX_PARAM_LENGTH + " characters, was "
                    + value.length());
        }
        return value;
    }

    // GET lists, POST creates (the secret is in this one answer only), DELETE ?id= revokes. Admins only:
    // a token lets anyone holding it write into the store.
    private void tokens(Exchange ex, UserSession session, TestStore tests) throws IOException {
        switch (ex.method()) {
            case "GET" -> {
                AuthRoutes.requireAdmin(session);
                ex.json(200, tests.tokens().stream().map(this::view).toList());
            }
            case "POST" -> {
                AuthRoutes.requireCsrf(ex, session);
                AuthRoutes.requireAdmin(session);
                JsonNode body = Json.parse(ex.jsonBody());
                String name = Json.requiredText(body, "name").strip();
                if (name.isEmpty() || name.length() > MAX_TOKEN_NAME || name.chars().anyMatch(Character::isISOControl)) {
                    throw HttpError.badRequest("'name' must be 1-" + MAX_TOKEN_NAME
                            + " printable characters, e.g. the CI job that will use it");
                }
                Duration validity = null;
                JsonNode days = body.get("days");
                if (days != null && !days.isNull()) {
                    if (!days.isIntegralNumber() || !days.canConvertToInt() || days.intValue() < 1
                            || days.intValue() > MAX_TOKEN_DAYS) {
                        throw HttpError.badRequest("'days' must be a whole number 1-" + MAX_TOKEN_DAYS
                                + ", or null for a token that never expires");
                    }
                    validity = Duration.ofDays(days.intValue());
                }
                IssuedToken issued = tests.createToken(name, session.user(), validity);
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("token", view(issued.token()));
                answer.put("secret", issued.secret());
                ex.json(201, answer);
            }
            case "DELETE" -> {
                AuthRoutes.requireCsrf(ex, session);
                AuthRoutes.requireAdmin(session);
                long id = new QueryParams(ex.request(), monitor.config().timezone(), clock).id("id");
                if (!tests.revokeToken(id)) {
                    throw new HttpError(404, "no API token with id " + id);
                }
                ex.noContent();
            }
            default -> throw HttpError.methodNotAllowed("GET", "POST", "DELETE");
        }
    }

    private TokenView view(ApiToken t) {
        return new TokenView(t.id(), t.name(), t.createdBy(), t.createdAt().toString(),
                t.expiresAt() == null ? null : t.expiresAt().toString(),
                t.lastUsed() == null ? null : t.lastUsed().toString(), t.expiredAt(clock.instant()));
    }
}
