package dev.monitordash.servlet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.IOException;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A logged-in session on the bound dashboard's JSON API (docs/api.md), as a script would use it. */
public final class DashboardSession {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final EmbeddedServer server;
    private final String dashboardPath;

    private DashboardSession(EmbeddedServer server, String dashboardPath) {
        this.server = server;
        this.dashboardPath = dashboardPath;
    }

    /** Logs in with {@code POST <dashboard>/api/login}; fails the test if that does not answer 200. */
    public static DashboardSession login(EmbeddedServer server, String dashboardPath, String user, String password) {
        DashboardSession session = new DashboardSession(server, dashboardPath);
        String body = JsonNodeFactory.instance.objectNode().put("username", user).put("password", password).toString();
        HttpResponse<String> r = session.send(session.request("/api/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() != 200) {
            throw new AssertionError("dashboard login answered " + r.statusCode() + ": " + r.body());
        }
        return session;
    }

    /** GET of an API route that must answer 200, e.g. {@code /api/status}. */
    public JsonNode get(String route) {
        HttpResponse<String> r = send(request(route).GET().build());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + route + " answered " + r.statusCode() + ": " + r.body());
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + r.body(), e);
        }
    }

    private HttpRequest.Builder request(String route) {
        return HttpRequest.newBuilder(server.uri(dashboardPath + route)).timeout(Duration.ofSeconds(60));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.uri().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
