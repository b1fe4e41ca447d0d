package dev.monitordash.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.Monitor;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.DashboardSession;
import dev.monitordash.servlet.testing.JettyServer;
import dev.monitordash.servlet.testing.TestClient;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, item 3: a database that cannot be written (here a real path whose parent is a regular file,
 * which stops root as well as anyone) neither holds the application's startup nor hides why. The test
 * goes through the real entry point: {@code MonitoringDashboard.bind} on an embedded Jetty with several
 * servlet mappings, each of which used to wait the pool's 2 s timeout on the startup thread.
 */
class UnwritableDatabaseStartupTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int MAPPINGS = 6;

    @TempDir
    Path dir;

    private JettyServer server;
    private final PrintStream originalErr = System.err;

    @AfterEach
    void stop() throws Exception {
        System.setErr(originalErr);
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void startsWithinASecondNamesTheKeyAndThePathAndRecordsOnceTheLocationIsFixed() throws Exception {
        warmUp(); // a first Jetty start in this JVM loads thousands of classes; that is not the store's time
        Path inTheWay = Files.writeString(dir.resolve("data"), "a file where a directory should be");
        Path database = inTheWay.resolve("monitordash.db");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        long started = System.nanoTime();
        server = app("jdbc:sqlite:" + database);
        server.start();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.setErr(originalErr);
        String log = err.toString(StandardCharsets.UTF_8);

        assertTrue(tookMillis < 1_000, "startup took " + tookMillis + " ms with " + MAPPINGS + " mappings");
        String error = log.lines().filter(l -> l.contains("ERROR") && l.contains("cannot write its database"))
                .findFirst().orElseThrow(() -> new AssertionError("no startup error in:\n" + log));
        assertTrue(error.contains("monitordash.database = jdbc:sqlite:" + database), error);
        assertTrue(error.contains(inTheWay + " is a file, not a directory"), error);
        assertTrue(error.contains("Fix: set monitordash.database"), error);
        assertEquals(1, log.lines().filter(l -> l.contains("cannot write its database")).count(),
                "one error, not one per mapping:\n" + log);
        assertTrue(log.contains("CANNOT BE WRITTEN: " + inTheWay + " is a file"), "the summary says so:\n" + log);

        // The application serves; its requests wait in the queue instead of failing.
        TestClient client = new TestClient(server);
        for (int i = 0; i < 5; i++) {
            assertEquals(200, client.get("/r0").statusCode());
        }
        Monitor monitor = MonitoringDashboard.monitor(server.contextHandler().getServletContext()).orElseThrow();
        DashboardSession dashboard = DashboardSession.login(server, "/dashboard", "admin", "s3cret");
        Await.until("the store is reported failing", PATIENCE,
                () -> dashboard.get("/api/status").at("/store/state").asText().equals("failing"));
        JsonNode store = dashboard.get("/api/status").at("/store");
        assertFalse(store.get("healthy").asBoolean());
        assertTrue(store.get("lastError").asText().contains(inTheWay + " is a file, not a directory"),
                store.toString());
        assertEquals(0, monitor.stats().failed(), "nothing failed: the records wait");
        assertEquals(5, monitor.stats().queued());

        // The operator fixes the location: recording resumes by itself and nothing queued is lost.
        Files.delete(inTheWay);
        Files.createDirectory(inTheWay);
        Await.until("the queued requests are written", PATIENCE, () -> monitor.stats().written() == 5,
                () -> monitor.stats().toString());
        PipelineStats s = monitor.stats();
        assertTrue(s.storeHealthy());
        assertEquals(s.offered(), s.written() + s.dropped());
        assertEquals("ok", dashboard.get("/api/status").at("/store/state").asText());
        JsonNode endpoints = dashboard.get("/api/endpoints");
        assertTrue(endpoints.toString().contains("/r5"), "declared mappings reached the store: " + endpoints);
    }

    private void warmUp() throws Exception {
        JettyServer warm = app("jdbc:sqlite:" + dir.resolve("warm.db"));
        warm.start();
        warm.stop();
    }

    private JettyServer app(String database) {
        JettyServer s = new JettyServer();
        for (int i = 0; i < MAPPINGS; i++) {
            s.addServlet("r" + i, new Ok(), "/r" + i);
        }
        s.bindWith(ctx -> MonitoringDashboard.configure().database(database).adminPassword("s3cret")
                .version("1.0").bind(ctx));
        return s;
    }

    private static final class Ok extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().write("ok");
        }
    }
}
