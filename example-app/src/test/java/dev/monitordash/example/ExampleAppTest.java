package dev.monitordash.example;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.query.OverviewRow;
import dev.monitordash.servlet.MonitoringDashboard;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example app as a user runs it: its one-line binding, its monitordash.properties (admin/admin),
 * a real SQLite file, and the dashboard's JSON API showing what the app's traffic recorded.
 */
class ExampleAppTest {

    @TempDir
    static Path dir;
    private static Server server;
    private static String base;
    private static final HttpClient CLIENT = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        System.setProperty("monitordash.database", "jdbc:sqlite:" + dir.resolve("example.db"));
        System.setProperty("monitordash.version", "example-test");
        server = ExampleApp.start(0);
        base = "http://localhost:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
        System.clearProperty("monitordash.database");
        System.clearProperty("monitordash.version");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return CLIENT.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Monitor monitor() {
        ServletContextHandler context = (ServletContextHandler) server.getHandler();
        return MonitoringDashboard.monitor(context.getServletContext()).orElseThrow();
    }

    @Test
    void recordsTheAppsTrafficAndShowsItOnTheDashboard() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/api/languages"))
                    .header("X-User", "user" + (i % 3))).statusCode());
        }
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/api/users/42"))).statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "/api/users/nobody"))).statusCode());
        assertEquals(404, send(HttpRequest.newBuilder(URI.create(base + "/no/such/page"))).statusCode());

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Map<String, OverviewRow> rows;
        do {
            Thread.sleep(100);
            rows = monitor().queries().overview(monitor().config().timezone()).stream()
                    .collect(Collectors.toMap(OverviewRow::endpoint, Function.identity()));
        } while (rows.getOrDefault("/api/languages", new OverviewRow("", 0, 0, 0, 0, 0, null)).hitsTotal() < 20
                && System.nanoTime() < deadline);

        assertEquals(20, rows.get("/api/languages").hitsTotal());
        assertEquals(2, rows.get("/api/users/*").hitsTotal());
        assertEquals(1, rows.get("/api/users/*").errors());
        assertEquals(1, rows.get("(not found)").hitsTotal());
        assertEquals("example-test", monitor().version().name());

        // The dashboard: the example's own config file sets admin/admin.
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(URI.create(base + "/dashboard/api/overview")));
        assertEquals(401, anonymous.statusCode());
        HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(base + "/dashboard/api/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"admin\"}")));
        assertEquals(200, login.statusCode(), login.body());
        HttpResponse<String> overview = send(HttpRequest.newBuilder(URI.create(base + "/dashboard/api/overview")));
        assertEquals(200, overview.statusCode());
        assertTrue(overview.body().contains("\"/api/languages\""), overview.body());
        HttpResponse<String> rules = send(HttpRequest.newBuilder(URI.create(base + "/dashboard/api/endpoints")));
        assertEquals(200, rules.statusCode());
        // Discovered at startup, listed before it was ever requested.
        assertTrue(rules.body().contains("\"/api/feeds/refresh\""), rules.body());
        assertTrue(rules.body().contains("refreshFeeds"), rules.body());
    }
}
