package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.ConfigException;
import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.EmbeddedServer;
import dev.monitordash.servlet.testing.JettyServer;
import dev.monitordash.servlet.testing.TestClient;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The container contract in Jetty 12 (ee10), plus Jetty's own binding recipes. */
class JettyContainerTest extends ContainerContractTest {

    @Override
    EmbeddedServer newServer(Path baseDir) {
        return new JettyServer();
    }

    @Test
    void bindsFromAListenerAddedToTheContextHandler() throws Exception {
        JettyServer jetty = new JettyServer();
        server = jetty;
        app.install(jetty);
        AtomicReference<Monitor> bound = new AtomicReference<>();
        jetty.bindFromListener(context -> bound.set(defaults().bind(context)));
        jetty.start();

        assertEquals(200, new TestClient(jetty).get("/hello", "carol").statusCode());
        Await.until("record", DEADLINE, () -> rows.requestsByUser("carol") == 1);
        assertEquals(1, rows.requestsOf("/hello"));
        assertSame(bound.get(), MonitoringDashboard.monitor(jetty.contextHandler().getServletContext()).orElseThrow());
    }

    @Test
    void bindingTwiceFailsClearlyAndKeepsTheFirstBinding() throws Exception {
        JettyServer jetty = new JettyServer();
        server = jetty;
        app.install(jetty);
        ServletContext context = jetty.contextHandler().getServletContext();
        Monitor first = defaults().bind(context);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> MonitoringDashboard.bind(context));
        assertTrue(e.getMessage().contains("already bound"), e.getMessage());

        jetty.start();
        TestClient c = new TestClient(jetty);
        assertEquals(200, c.get("/hello").statusCode());
        assertEquals(200, c.get("/users/marker", "marker").statusCode());
        Await.until("marker", DEADLINE, () -> rows.requestsByUser("marker") == 1);
        assertEquals(2, rows.requests(), "one record per request");
        assertSame(first, MonitoringDashboard.monitor(context).orElseThrow());
    }

    @Test
    void enablingPrometheusWithoutTheLibraryFailsTheBindNamingTheKeyAndTheJars() throws Exception {
        // This module's tests run as a user's application does: without the optional Prometheus jars.
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.prometheus.metrics.core.metrics.Histogram"));
        JettyServer jetty = new JettyServer();
        server = jetty;
        app.install(jetty);
        ServletContext context = jetty.contextHandler().getServletContext();

        ConfigException e = assertThrows(ConfigException.class,
                () -> defaults().config(c -> c.prometheusEnabled(true)).bind(context));

        assertEquals("monitordash.prometheus.enabled", e.key());
        assertTrue(e.getMessage().contains("io.prometheus:prometheus-metrics-core:1.10.0"), e.getMessage());
        assertTrue(MonitoringDashboard.monitor(context).isEmpty(), "nothing was started");
    }

    @Test
    void bindingAfterTheContextStartedFailsWithTheRecipe() throws Exception {
        JettyServer jetty = new JettyServer();
        server = jetty;
        app.install(jetty);
        jetty.start();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> defaults().store(store).bind(jetty.contextHandler().getServletContext()));
        assertTrue(e.getMessage().contains("Bind while the context is being set up"), e.getMessage());
        assertTrue(store.isClosed(), "the monitor started for the failed bind is closed again");
        assertTrue(MonitoringDashboard.monitor(jetty.contextHandler().getServletContext()).isEmpty());
    }
}
