package dev.monitordash.spring;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Requests to the application under test, with a cookie jar of its own (one browser). */
final class WebClient {

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final int port;

    WebClient(int port) {
        this.port = port;
    }

    HttpResponse<String> get(String path, String... headers) {
        HttpRequest.Builder b = request(path);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return send(b.GET().build());
    }

    HttpResponse<String> getAs(String user, String password, String path) {
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return get(path, "Authorization", "Basic " + basic);
    }

    /** {@code POST <dashboard>/api/login} as the dashboard's page does it: JSON, no Spring CSRF token. */
    HttpResponse<String> dashboardLogin(String dashboardPath, String user, String password) {
        String body = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}";
        return send(request(dashboardPath + "/api/login").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
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
