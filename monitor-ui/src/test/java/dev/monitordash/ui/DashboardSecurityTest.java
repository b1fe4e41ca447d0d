package dev.monitordash.ui;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.ui.support.DashboardClient;
import dev.monitordash.ui.support.DashboardServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static dev.monitordash.ui.support.DashboardClient.expect;
import static dev.monitordash.ui.support.DashboardClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Access control of the dashboard, through real HTTP against an embedded Jetty. */
class DashboardSecurityTest {

    private static final String ENDPOINT = "/orders/{id}";

    @TempDir
    Path temp;
    private DashboardServer server;

    @BeforeEach
    void start() throws Exception {
        server = DashboardServer.start(temp, "");
        server.declare(ENDPOINT, "OrderServlet");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private int level() {
        return server.monitor().endpoints().find(ENDPOINT).level();
    }

    @Test
    void anonymousPageRequestsAreRedirectedToTheLoginPage() throws Exception {
        DashboardClient anonymous = new DashboardClient(server);
        for (String page : List.of("/overview", "/rules")) {
            HttpResponse<String> r = anonymous.get(page);
            assertEquals(302, r.statusCode(), page);
            assertEquals(server.basePath() + "/login?next=" + page.substring(1),
                    r.headers().firstValue("Location").orElseThrow(), page);
        }
        HttpResponse<String> unknown = anonymous.get("/no-such-page");
        assertEquals(302, unknown.statusCode());
        assertEquals(server.basePath() + "/login", unknown.headers().firstValue("Location").orElseThrow());
        // The bare mount path leads to the first page, which then asks for a login.
        HttpResponse<String> root = anonymous.get("");
        assertEquals(302, root.statusCode());
        assertEquals(server.basePath() + "/overview", root.headers().firstValue("Location").orElseThrow());
        // Logging out without a session has nothing to end: back to the login page.
        HttpResponse<String> logout = anonymous.postForm("/logout", "");
        assertEquals(303, logout.statusCode());
        assertEquals(server.basePath() + "/login", logout.headers().firstValue("Location").orElseThrow());
        // Any other state change without a session is refused outright.
        assertEquals(401, anonymous.postForm("/rules", "").statusCode());
    }

    @Test
    void anonymousApiRequestsGet401Json() throws Exception {
        DashboardClient anonymous = new DashboardClient(server);
        for (String path : List.of("/api/session", "/api/endpoints", "/api/overview", "/api/status", "/api/nothing")) {
            HttpResponse<String> r = anonymous.get(path);
            assertEquals(401, r.statusCode(), path);
            assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow().split(";")[0], path);
            assertEquals("login required", json(r).get("error").asText(), path);
        }
        HttpResponse<String> change = anonymous.sendJson("PUT", "/api/endpoints/level",
                DashboardClient.levelBody(ENDPOINT, 3), "anything");
        assertEquals(401, change.statusCode());
        assertEquals(MonitoringLevel.PERFORMANCE, level());
        assertEquals(MonitoringLevel.PERFORMANCE, server.storedLevel(ENDPOINT));
    }

    @Test
    void guestCannotChangeALevelAndNothingChanges() throws Exception {
        DashboardClient guest = new DashboardClient(server).loginAsGuest();
        assertEquals("guest", json(guest.get("/api/session")).get("role").asText());

        HttpResponse<String> r = guest.changeLevel(ENDPOINT, 3);

        assertEquals(403, r.statusCode());
        assertEquals("only an admin may do this", json(r).get("error").asText());
        assertEquals(MonitoringLevel.PERFORMANCE, level());
        assertEquals(MonitoringLevel.PERFORMANCE, server.storedLevel(ENDPOINT));
        assertEquals(1, rulesRow(guest).get("level").asInt());
    }

    @Test
    void adminWithoutTheCsrfTokenIsRefusedAndNothingChanges() throws Exception {
        DashboardClient admin = new DashboardClient(server).loginAsAdmin();
        DashboardClient other = new DashboardClient(server).loginAsAdmin();
        String body = DashboardClient.levelBody(ENDPOINT, 3);

        for (String token : new String[] {null, "", "not-the-token", other.csrfToken()}) {
            HttpResponse<String> r = admin.sendJson("PUT", "/api/endpoints/level", body, token);
            assertEquals(403, r.statusCode(), "token " + token);
            assertTrue(json(r).get("error").asText().contains("CSRF"));
        }
        assertEquals(MonitoringLevel.PERFORMANCE, level());
        assertEquals(MonitoringLevel.PERFORMANCE, server.storedLevel(ENDPOINT));
    }

    @Test
    void adminWithTheCsrfTokenChangesTheLevel() throws Exception {
        DashboardClient admin = new DashboardClient(server).loginAsAdmin();

        HttpResponse<String> r = expect(admin.changeLevel(ENDPOINT, 3), 200);

        assertEquals(ENDPOINT, json(r).get("endpoint").asText());
        assertEquals(3, json(r).get("level").asInt());
        assertEquals(MonitoringLevel.PROFILER, level()); // the filter's next request sees it
        assertEquals(MonitoringLevel.PROFILER, server.storedLevel(ENDPOINT)); // survives a restart
        assertEquals(3, rulesRow(admin).get("level").asInt());
    }

    @Test
    void wrongPasswordGets401AndRepeatedFailuresLockTheAddressOut() throws Exception {
        DashboardClient client = new DashboardClient(server);
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = client.login("admin", "guess-" + i);
            assertEquals(401, r.statusCode());
            assertEquals("wrong user name or password", json(r).get("error").asText());
            assertTrue(DashboardClient.sessionCookieHeader(r).isEmpty());
        }

        // Locked out: even the right password is not checked now.
        HttpResponse<String> locked = client.login("admin", DashboardServer.ADMIN_PASSWORD);

        assertEquals(429, locked.statusCode());
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 30, "Retry-After " + retryAfter);
        assertEquals(retryAfter, json(locked).get("retryAfterSeconds").asLong());
        assertTrue(DashboardClient.sessionCookieHeader(locked).isEmpty());
        assertEquals(401, client.get("/api/session").statusCode());
    }

    @Test
    void unknownUserAndEmptyPasswordAreRefused() throws Exception {
        DashboardClient client = new DashboardClient(server);
        assertEquals(401, client.login("root", DashboardServer.ADMIN_PASSWORD).statusCode());
        assertEquals(401, client.login("admin", "").statusCode());
        assertEquals(401, client.login("guest", DashboardServer.ADMIN_PASSWORD).statusCode());
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() throws Exception {
        DashboardClient admin = new DashboardClient(server).loginAsAdmin();
        String token = admin.sessionToken();

        HttpResponse<String> r = admin.postForm("/logout", "_csrf=" + admin.csrfToken());

        assertEquals(303, r.statusCode());
        assertEquals(server.basePath() + "/login", r.headers().firstValue("Location").orElseThrow());
        String cleared = DashboardClient.sessionCookieHeader(r).orElseThrow();
        assertTrue(cleared.startsWith("MONITORDASH_SESSION=;"), cleared);
        assertTrue(cleared.contains("Max-Age=0"), cleared);
        admin.useSessionToken(token); // a browser that kept the old cookie gets nowhere with it
        assertEquals(401, admin.get("/api/session").statusCode());
        assertEquals(302, admin.get("/overview").statusCode());
    }

    @Test
    void logoutWithoutTheCsrfTokenIsRefusedAndTheSessionLives() throws Exception {
        DashboardClient admin = new DashboardClient(server).loginAsAdmin();

        assertEquals(403, admin.postForm("/logout", "").statusCode());
        assertEquals(403, admin.postForm("/logout", "_csrf=wrong").statusCode());

        assertEquals(200, admin.get("/api/session").statusCode());
    }

    @Test
    void sessionCookieIsHttpOnlySameSiteStrictAndScopedToTheDashboard() throws Exception {
        DashboardClient client = new DashboardClient(server);
        HttpResponse<String> r = expect(client.login("admin", DashboardServer.ADMIN_PASSWORD), 200);

        String cookie = DashboardClient.sessionCookieHeader(r).orElseThrow();
        List<String> attributes = List.of(cookie.split(";\\s*"));
        assertTrue(attributes.contains("HttpOnly"), cookie);
        assertTrue(attributes.contains("SameSite=Strict"), cookie);
        assertTrue(attributes.contains("Path=/dashboard"), cookie);
        assertFalse(attributes.contains("Secure"), "plain HTTP here: " + cookie);
        String value = attributes.get(0).substring("MONITORDASH_SESSION=".length());
        assertTrue(value.matches("[A-Za-z0-9_-]{43}"), "256-bit token: " + value);
    }

    @Test
    void eachLoginGetsAFreshSessionAndTheOldOneEnds() throws Exception {
        DashboardClient admin = new DashboardClient(server).loginAsAdmin();
        String first = admin.sessionToken();

        admin.loginAsAdmin(); // sends the first cookie along

        assertNotEquals(first, admin.sessionToken());
        DashboardClient stale = new DashboardClient(server);
        stale.useSessionToken(first);
        assertEquals(401, stale.get("/api/session").statusCode());
    }

    @Test
    void crossSiteLoginIsRefused() throws Exception {
        DashboardClient client = new DashboardClient(server);
        String body = DashboardClient.JSON.createObjectNode().put("username", "admin")
                .put("password", DashboardServer.ADMIN_PASSWORD).toString();

        HttpResponse<String> r = client.send(client.request("/api/login").header("Content-Type", "application/json")
                .header("Sec-Fetch-Site", "cross-site").POST(HttpRequest.BodyPublishers.ofString(body)));

        assertEquals(403, r.statusCode());
        assertTrue(DashboardClient.sessionCookieHeader(r).isEmpty());
    }

    @Test
    void securityHeadersAreOnEveryResponse() throws Exception {
        DashboardClient admin = new DashboardClient(server);
        List<HttpResponse<String>> responses = List.of(
                admin.get("/login"), admin.get("/assets/app.css"), admin.get("/api/status"), admin.get("/overview"),
                admin.get("/assets/nothing.js"));
        admin.loginAsAdmin();
        List<HttpResponse<String>> loggedIn = List.of(admin.get("/overview"), admin.get("/api/status"),
                admin.changeLevel(ENDPOINT, 9));
        for (HttpResponse<String> r : concat(responses, loggedIn)) {
            String where = r.request().method() + " " + r.uri() + " -> " + r.statusCode();
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow(() -> new AssertionError(where));
            assertTrue(csp.contains("script-src 'self'"), where);
            assertTrue(csp.contains("style-src 'self'"), where);
            assertTrue(csp.contains("frame-ancestors 'none'"), where);
            assertFalse(csp.contains("unsafe-inline"), where);
            assertFalse(csp.contains("unsafe-eval"), where);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null), where);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(null), where);
        }
        for (HttpResponse<String> r : List.of(loggedIn.get(0), loggedIn.get(1), loggedIn.get(2), responses.get(2))) {
            assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null), r.uri().toString());
        }
    }

    @Test
    void guestLoginIsImpossibleWithoutAConfiguredGuestPassword() throws Exception {
        try (DashboardServer adminOnly = DashboardServer.start("",
                DashboardServer.defaultConfig(temp).guestPassword(null))) {
            DashboardClient client = new DashboardClient(adminOnly);
            assertEquals(401, client.login("guest", "").statusCode());
            assertEquals(401, client.login("guest", DashboardServer.GUEST_PASSWORD).statusCode());
            assertEquals(200, client.login("admin", DashboardServer.ADMIN_PASSWORD).statusCode());
        }
    }

    private static JsonNode rulesRow(DashboardClient client) throws Exception {
        for (JsonNode row : json(expect(client.get("/api/endpoints"), 200)).get("endpoints")) {
            if (ENDPOINT.equals(row.get("endpoint").asText())) {
                return row;
            }
        }
        throw new AssertionError(ENDPOINT + " missing from api/endpoints");
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
