package dev.monitordash.junit;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.testing.Await;
import dev.monitordash.core.query.TestQueries;
import dev.monitordash.junit.samples.ParallelSample;
import dev.monitordash.junit.samples.RequestsSample;
import dev.monitordash.junit.samples.SampleApp;
import dev.monitordash.servlet.MonitoringDashboard;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tests that call the application in an embedded Jetty bound with MonitorDash: each recorded request
 * carries the running test's name, so the store says which endpoints each test hit. The extension reports
 * into the application's own SQLite file, as the example app's tests do.
 */
class TestRequestsTest {

    @TempDir
    Path dir;
    private Server server;
    private Monitor monitor;
    private String url;

    static final class Ok extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.getWriter().write("ok");
        }
    }

    @BeforeEach
    void start() throws Exception {
        url = "jdbc:sqlite:" + dir.resolve("app.db");
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        for (String path : List.of("/cart", "/pay", "/left", "/right", "/anonymous")) {
            context.addServlet(new ServletHolder(new Ok()), path);
        }
        server.setHandler(context);
        monitor = MonitoringDashboard.configure().database(url).version("3.0").adminPassword("not-used-here")
                .bind(context.getServletContext());
        server.start();
        SampleApp.base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    /** Endpoint → test → requests, once {@code requests} requests of tests are stored. */
    Map<String, Map<String, Long>> hitsOnceStored(long requests) throws Exception {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        Await.until(requests + " test requests stored", Duration.ofSeconds(60), () -> {
            out.clear();
            for (TestQueries.EndpointTests e : monitor.store().tests().queries().endpoints(100)) {
                out.put(e.endpoint(), e.hits().stream().collect(Collectors.toMap(
                        h -> h.test().substring(h.test().indexOf('#') + 1), TestQueries.TestHit::requests,
                        Long::sum, TreeMap::new)));
            }
            return out.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum() >= requests;
        });
        return out;
    }

    @Test
    void aRequestMadeWhileATestRunsAloneCarriesItsNameAndTheRunLandsBesideIt() throws Exception {
        EngineRun run = EngineRun.of(RequestsSample.class, Map.of("monitordash.tests.database", url,
                "monitordash.tests.run-id", "local-1", "monitordash.tests.version", "3.0"));
        run.results().testEvents().assertStatistics(s -> s.succeeded(2));
        assertEquals(Map.of("/cart", Map.of("cart", 2L), "/pay", Map.of("pay", 1L)), hitsOnceStored(3));
        TestQueries.EndpointTests cart = monitor.store().tests().queries().endpoints(10).get(0);
        assertEquals(RequestsSample.class.getName() + "#cart", cart.hits().get(0).test());
        assertEquals(List.of("3.0"), cart.hits().get(0).versions());
        assertEquals(List.of(new TestQueries.VersionOutcomes("3.0", 1, 2, 0, 0, 0)),
                monitor.store().tests().queries().outcomes());
    }

    @Test
    void withTestsRunningInParallelTheHeaderTellsThemApartAndAnUntaggedRequestBelongsToNeither() throws Exception {
        EngineRun run = EngineRun.of(ParallelSample.class, Map.of(
                "junit.jupiter.execution.parallel.enabled", "true",
                "junit.jupiter.execution.parallel.config.strategy", "fixed",
                "junit.jupiter.execution.parallel.config.fixed.parallelism", "2"));
        run.results().testEvents().assertStatistics(s -> s.succeeded(2));
        Map<String, Map<String, Long>> hits = hitsOnceStored(2);
        assertEquals(Map.of("/left", Map.of("left", 1L), "/right", Map.of("right", 1L)), hits);
        // The untagged request was recorded, under no test.
        Await.until("the untagged request stored", Duration.ofSeconds(60),
                () -> monitor.stats().written() >= 3);
    }
}
