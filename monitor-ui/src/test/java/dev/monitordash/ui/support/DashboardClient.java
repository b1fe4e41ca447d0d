package dev.monitordash.ui.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * A dashboard user over plain HTTP: logs in, keeps the session cookie and CSRF token by hand (so tests
 * see and control exactly what is sent), never follows redirects.
 */
public final class DashboardClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final DashboardServer server;
    private String token;
    private String csrf;

    public DashboardClient(DashboardServer server) {
        this.server = server;
    }

    /** Logs in; on success keeps the session. Returns the login response either way. */
    public HttpResponse<String> login(String user, String password) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("username", user).put("password", password).toString();
        // Sends the current cookie along, as a browser would.
        HttpResponse<String> response = send(request("/api/login")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() == 200) {
            token = sessionCookieValue(response).orElseThrow(() -> new AssertionError("login set no cookie"));
            csrf = json(response).get("csrfToken").asText();
        }
        return response;
    }

    public DashboardClient loginAsAdmin() throws IOException, InterruptedException {
        expect(login("admin", DashboardServer.ADMIN_PASSWORD), 200);
        return this;
    }

    public DashboardClient loginAsGuest() throws IOException, InterruptedException {
        expect(login("guest", DashboardServer.GUEST_PASSWORD), 200);
        return this;
    }

    public String csrfToken() {
        return csrf;
    }

    public String sessionToken() {
        return token;
    }

    /** Uses another session token from now on (e.g. one that was logged out). */
    public void useSessionToken(String token) {
        this.token = token;
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** A JSON request with the session's CSRF token. */
    public HttpResponse<String> sendJson(String method, String path, String json) throws IOException, InterruptedException {
        return sendJson(method, path, json, csrf);
    }

    /** A JSON request with the given CSRF token (null: none). */
    public HttpResponse<String> sendJson(String method, String path, String json, String csrfToken)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (csrfToken != null) {
            b.header("X-CSRF-Token", csrfToken);
        }
        return send(b);
    }

    /** {@code PUT api/endpoints/level} with the session's CSRF token. */
    public HttpResponse<String> changeLevel(String endpoint, int level) throws IOException, InterruptedException {
        return sendJson("PUT", "/api/endpoints/level", levelBody(endpoint, level));
    }

    public static String levelBody(String endpoint, int level) {
        return JSON.createObjectNode().put("endpoint", endpoint).put("level", level).toString();
    }

    /** A form POST (as the layout's logout form sends it). */
    public HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Cookie", "MONITORDASH_SESSION=" + token);
        }
        return b;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> sendRaw(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    public static Optional<String> sessionCookieHeader(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie").stream()
                .filter(h -> h.startsWith("MONITORDASH_SESSION=")).findFirst();
    }

    static Optional<String> sessionCookieValue(HttpResponse<?> response) {
        return sessionCookieHeader(response).map(h -> h.substring("MONITORDASH_SESSION=".length(), h.indexOf(';')));
    }

    public static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": " + response.body());
        }
        return response;
    }
}
