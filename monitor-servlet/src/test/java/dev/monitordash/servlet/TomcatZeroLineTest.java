package dev.monitordash.servlet;

import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.InMemoryStore;
import dev.monitordash.servlet.testing.TestApp;
import dev.monitordash.servlet.testing.TestClient;
import dev.monitordash.servlet.testing.TomcatServer;
import jakarta.servlet.ServletContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Zero-line mode as a WAR gets it: Tomcat's web application startup finds the initializer through
 * META-INF/services on its own, and an application that also binds from a declared listener is bound
 * once, with the options of its call.
 */
class TomcatZeroLineTest {

    @TempDir
    Path temp;
    final InMemoryStore store = new InMemoryStore();
    final TestApp app = new TestApp();
    TomcatServer tomcat;

    @AfterEach
    void stop() throws Exception {
        System.clearProperty(AutoBindTrigger.AUTO_PROPERTY);
        if (tomcat != null) {
            tomcat.stop();
        }
        app.close();
    }

    @Test
    void tomcatRunsTheDiscoveredInitializerAndTheDeclaredListenersBindTakesOver() throws Exception {
        System.setProperty(AutoBindTrigger.AUTO_PROPERTY, "true");
        tomcat = new TomcatServer(temp, true);
        app.install(tomcat);
        tomcat.bindFromListener(context -> MonitoringDashboard.configure().store(store).version("war")
                .groupBy(request -> request.getHeader(TestClient.USER_HEADER)).bind(context));
        tomcat.start();

        ServletContext context = tomcat.context().getServletContext();
        ContextBinding binding = assertInstanceOf(ContextBinding.class, context.getAttribute(ContextBinding.ATTRIBUTE));
        assertTrue(binding.isAutomatic(), "registered by the initializer Tomcat discovered");
        assertEquals(1, tomcat.context().findFilterDefs().length);

        assertEquals(200, new TestClient(tomcat).get("/users/3", "frank").statusCode());
        Await.until("record", Duration.ofSeconds(60), () -> store.size() == 1);
        assertEquals("war", store.written().get(0).origin().version());
        assertEquals("frank", store.written().get(0).record().user());
        assertEquals("/users/*", store.written().get(0).record().endpoint().name());
    }
}
