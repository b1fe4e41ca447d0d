package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.InMemoryStore;
import dev.monitordash.servlet.testing.JettyServer;
import dev.monitordash.servlet.testing.TestApp;
import dev.monitordash.servlet.testing.TestClient;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zero-line mode with the initializer added to a Jetty context, as a container that discovers it would
 * run it; the trigger is the real one, fed a chosen environment.
 */
class ZeroLineBindingTest {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path workingDirectory;
    final InMemoryStore store = new InMemoryStore();
    final TestApp app = new TestApp();
    final JettyServer jetty = new JettyServer();

    @AfterEach
    void stop() throws Exception {
        jetty.stop();
        app.close();
    }

    MonitorDashInitializer initializer(String auto) {
        AutoBindTrigger trigger = new AutoBindTrigger(key -> key.equals(AutoBindTrigger.AUTO_PROPERTY) ? auto : null,
                key -> null, workingDirectory, null);
        return new MonitorDashInitializer(loader -> trigger,
                () -> MonitoringDashboard.configure().store(store).version("auto"));
    }

    ServletContext context() {
        return jetty.contextHandler().getServletContext();
    }

    @Test
    void bindsWithoutAnyCodeWhenTheTriggerAsks() throws Exception {
        app.install(jetty);
        jetty.contextHandler().addServletContainerInitializer(initializer("true"));
        jetty.start();
        TestClient client = new TestClient(jetty);

        assertEquals(200, client.get("/hello").statusCode());
        assertNotEquals(404, client.get("/dashboard/").statusCode(), "dashboard mounted");
        Await.until("record", DEADLINE, () -> store.size() == 1);
        assertEquals("/hello", store.written().get(0).record().endpoint().name());
        assertEquals("auto", store.written().get(0).origin().version());
        assertTrue(MonitoringDashboard.monitor(context()).isPresent());
    }

    @Test
    void staysOutOfTheWayWhenTheTriggerDoesNotAsk() throws Exception {
        app.install(jetty);
        jetty.contextHandler().addServletContainerInitializer(initializer("false"));
        jetty.start();

        assertEquals(200, new TestClient(jetty).get("/hello").statusCode());
        assertNull(context().getFilterRegistration(MonitoringDashboard.FILTER_NAME));
        assertFalse(MonitoringDashboard.monitor(context()).isPresent());
        assertTrue(store.versions().isEmpty(), "no monitor was started");
    }

    @Test
    void aBindInSetupCodeMakesTheInitializerStepAside() throws Exception {
        app.install(jetty);
        jetty.contextHandler().addServletContainerInitializer(initializer("true"));
        MonitoringDashboard.configure().store(store).version("code")
                .groupBy(request -> request.getHeader(TestClient.USER_HEADER)).bind(context());
        jetty.start();
        TestClient client = new TestClient(jetty);

        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.get("/hello").statusCode());
        }
        assertEquals(200, client.get("/users/marker", "marker").statusCode());
        Await.until("marker", DEADLINE, () -> store.written().stream().anyMatch(w -> "marker".equals(w.record().user())));
        assertEquals(4, store.size(), "one record per request: bound once");
        assertTrue(store.written().stream().allMatch(w -> w.origin().version().equals("code")));
        assertFalse(((ContextBinding) context().getAttribute(ContextBinding.ATTRIBUTE)).isAutomatic());
    }

    @Test
    void aListenersBindTakesOverThePendingAutomaticBindingWithItsOptions() throws Exception {
        app.install(jetty);
        jetty.contextHandler().addServletContainerInitializer(initializer("true"));
        AtomicReference<Monitor> bound = new AtomicReference<>();
        jetty.bindFromListener(context -> bound.set(MonitoringDashboard.configure().store(store).version("code")
                .groupBy(request -> request.getHeader(TestClient.USER_HEADER)).bind(context)));
        jetty.start();

        assertEquals(200, new TestClient(jetty).get("/hello", "erin").statusCode());
        Await.until("record", DEADLINE, () -> store.size() == 1);
        assertEquals("code", store.written().get(0).origin().version());
        assertEquals("erin", store.written().get(0).record().user());
        assertEquals(bound.get(), MonitoringDashboard.monitor(context()).orElseThrow());
        assertTrue(((ContextBinding) context().getAttribute(ContextBinding.ATTRIBUTE)).isAutomatic());
    }

    @Test
    void aBindAfterTheAutomaticStartIsRefusedWithAHint() throws Exception {
        app.install(jetty);
        jetty.contextHandler().addServletContainerInitializer(initializer("true"));
        jetty.start();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MonitoringDashboard.configure().store(new InMemoryStore()).bind(context()));
        assertTrue(e.getMessage().contains("monitordash.auto=false"), e.getMessage());
    }

    @Test
    void aListenerAskingForAnotherDashboardPathThanTheAutomaticBindingFailsTheStart() {
        app.install(jetty);
        jetty.contextHandler().addServletContainerInitializer(initializer("true"));
        AtomicReference<RuntimeException> refused = new AtomicReference<>();
        jetty.bindFromListener(context -> {
            try {
                MonitoringDashboard.configure().store(store).dashboardPath("/monitor").bind(context);
            } catch (RuntimeException ex) {
                refused.set(ex);
                throw ex;
            }
        });

        assertThrows(Exception.class, jetty::start);
        assertInstanceOf(IllegalStateException.class, refused.get());
        assertTrue(refused.get().getMessage().contains("/monitor/*"), refused.get().getMessage());
    }
}
