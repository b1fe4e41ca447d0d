package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.outlier.OutlierThresholds;
import dev.monitordash.core.query.OutlierSummary;
import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.EmbeddedServer;
import dev.monitordash.servlet.testing.JettyServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One servlet serving several routes, as a framework's front servlet does: the servlet mapping's level
 * gates measuring, and the route template the servlet hands over with
 * {@link MonitoringDashboard#routeMatched} decides, from then on, outliers and profiling for that route only.
 */
class RouteLevelTest {

    static final Duration DEADLINE = Duration.ofSeconds(60);
    static final String ITEMS = "/api/items/{id}";
    static final String OTHERS = "/api/others/{id}";

    @TempDir
    Path dir;
    EmbeddedServer server;
    Monitor monitor;
    final HttpClient http = HttpClient.newHttpClient();

    /** Routes /api/items/* and /api/others/* itself, then sleeps ?ms= in a method of its own. */
    static final class Router extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            String path = req.getPathInfo();
            MonitoringDashboard.routeMatched(req, path.startsWith("/items/") ? ITEMS : OTHERS);
            sleepInRoute(Long.parseLong(req.getParameter("ms")));
            resp.getWriter().write("done");
        }

        static void sleepInRoute(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    void start() throws Exception {
        server = new JettyServer();
        server.addServlet("router", new Router(), "/api/*");
        AtomicReference<Monitor> bound = new AtomicReference<>();
        server.bindWith(context -> bound.set(MonitoringDashboard.configure()
                .database("jdbc:sqlite:" + dir.resolve("monitor.db"))
                .version("1.0")
                .outlierMinRequests(10)
                .bind(context)));
        server.start();
        monitor = bound.get();
        // Known before their first request, as the Spring starter lists Spring MVC's routes at startup.
        monitor.declare(ITEMS, "router");
        monitor.declare(OTHERS, "router");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    int get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path)).timeout(DEADLINE).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    void warmUp(String route, String path) throws Exception {
        for (int i = 0; i < 10; i++) {
            assertEquals(200, get(path + "?ms=20"));
        }
        Await.until("the threshold of " + route, DEADLINE,
                () -> monitor.outliers().thresholds().thresholdNanos(route) != OutlierThresholds.NONE);
    }

    @Test
    void levelTwoOnARouteTemplateCapturesThatRoutesOutliersOnly() throws Exception {
        start();
        assertEquals(MonitoringLevel.PERFORMANCE, monitor.endpoints().lookup("/api/*").level());
        monitor.changeLevel(ITEMS, MonitoringLevel.OUTLIERS);
        warmUp(ITEMS, "/api/items/1");
        warmUp(OTHERS, "/api/others/1");

        assertEquals(200, get("/api/others/2?ms=1000"));
        assertEquals(200, get("/api/items/2?ms=1000"));

        Await.until("the outlier of " + ITEMS, DEADLINE, () -> !monitor.queries().outliers(ITEMS, 10).isEmpty());
        List<OutlierSummary> items = monitor.queries().outliers(ITEMS, 10);
        assertEquals(1, items.size());
        assertTrue(items.get(0).url().endsWith("/api/items/2"), items.get(0).url());
        assertTrue(monitor.queries().outlier(items.get(0).id()).orElseThrow().requestStack()
                .contains("Router.sleepInRoute"));
        assertEquals(List.of(), monitor.queries().outliers(OTHERS, 10), "level 1: no outliers");
        assertEquals(1, monitor.outliers().captures(), "the request to the level-1 route was not watched");
        assertEquals(0, monitor.outliers().watching());
    }

    @Test
    void levelThreeOnARouteTemplateProfilesThatRouteOnly() throws Exception {
        start();
        monitor.changeLevel(ITEMS, MonitoringLevel.PROFILER);
        assertEquals(200, get("/api/items/3?ms=300"));
        assertEquals(200, get("/api/others/3?ms=300"));

        Await.until("the profile of " + ITEMS, DEADLINE, () -> !monitor.queries().profiles(ITEMS, 10).isEmpty());
        Await.until("both requests written", DEADLINE, () -> monitor.stats().written() >= 2);
        assertTrue(monitor.queries().profiles(ITEMS, 10).get(0).durationMillis() >= 300);
        assertEquals(List.of(), monitor.queries().profiles(OTHERS, 10));
        assertEquals(List.of(), monitor.queries().profiles("/api/*", 10));
    }
}
