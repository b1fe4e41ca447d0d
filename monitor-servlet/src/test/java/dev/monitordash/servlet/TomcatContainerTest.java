package dev.monitordash.servlet;

import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.EmbeddedServer;
import dev.monitordash.servlet.testing.TestClient;
import dev.monitordash.servlet.testing.TomcatServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The container contract in Tomcat 10.1 embedded, plus Tomcat's own binding recipes. */
class TomcatContainerTest extends ContainerContractTest {

    @Override
    EmbeddedServer newServer(Path baseDir) {
        return new TomcatServer(baseDir);
    }

    @Test
    void bindsFromADeclaredListener() throws Exception {
        TomcatServer tomcat = new TomcatServer(temp);
        server = tomcat;
        app.install(tomcat);
        tomcat.bindFromListener(context -> defaults().bind(context));
        tomcat.start();

        assertEquals(200, new TestClient(tomcat).get("/users/7", "dave").statusCode());
        Await.until("record", DEADLINE, () -> rows.requests() == 1);
        assertEquals(1, rows.requestsOf("/users/*"));
        assertEquals(1, rows.requestsByUser("dave"));
    }

    @Test
    void bindingBeforeStartIsRefusedWithTheRecipe() {
        TomcatServer tomcat = new TomcatServer(temp);
        server = tomcat;
        app.install(tomcat);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> defaults().store(store).bind(tomcat.context().getServletContext()));
        assertTrue(e.getMessage().contains("ServletContainerInitializer"), e.getMessage());
        assertTrue(store.isClosed(), "the monitor started for the failed bind is closed again");
    }

    @Test
    void bindingTwiceFailsTheStartWithAClearMessage() {
        TomcatServer tomcat = new TomcatServer(temp);
        server = tomcat;
        app.install(tomcat);
        AtomicReference<Throwable> secondBind = new AtomicReference<>();
        tomcat.bindWith(context -> defaults().bind(context));
        tomcat.bindWith(context -> {
            try {
                MonitoringDashboard.bind(context);
            } catch (RuntimeException ex) {
                secondBind.set(ex);
                throw ex;
            }
        });

        assertThrows(Exception.class, tomcat::start, "the context does not start");
        assertInstanceOf(IllegalStateException.class, secondBind.get());
        assertTrue(secondBind.get().getMessage().contains("already bound"), secondBind.get().getMessage());
    }
}
