package dev.monitordash.servlet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP/1.1 client with keep-alive connections (java.net.http pools them per host, without the five-idle
 * limit of HttpURLConnection), so that thousands of requests reuse a few dozen sockets.
 */
public final class TestClient {

    public static final String USER_HEADER = "X-User";
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final EmbeddedServer server;

    public TestClient(EmbeddedServer server) {
        this.server = server;
    }

    public HttpResponse<String> get(String path) {
        return get(path, null);
    }

    public HttpResponse<String> get(String path, String user) {
        return send(builder(path, user).GET().build());
    }

    public HttpResponse<String> post(String path, String body, String user) {
        return send(builder(path, user).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpRequest.Builder builder(String path, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(60));
        return user == null ? b : b.header(USER_HEADER, user);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
