package dev.monitordash.core.record;

import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

/**
 * "Store down" is the PostgreSQL server stopped; "back" is a new server on the same data directory and
 * port, as after a database restart. Each test has its own server, since it stops it.
 */
class PostgresRecordPipelineTest extends RecordPipelineContract {

    @TempDir
    Path data;

    private EmbeddedPostgres server;
    private int port;

    @Override
    protected TestDatabase database() {
        return new PostgresFixture();
    }

    @Override
    protected String url() throws IOException {
        server = start(0);
        port = server.getPort();
        return PostgresTestDatabase.url(port, "postgres");
    }

    private EmbeddedPostgres start(int onPort) throws IOException {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder().setDataDirectory(data.toFile())
                .setCleanDataDirectory(false);
        return (onPort == 0 ? b : b.setPort(onPort)).start();
    }

    @Override
    protected void takeStoreDown() throws IOException {
        server.close();
        server = null;
    }

    @Override
    protected void bringStoreBack() throws IOException {
        if (server == null) {
            server = start(port);
        }
    }

    @AfterEach
    void stopServer() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    /** Plain connections to this test's own server. */
    private static final class PostgresFixture implements TestDatabase {
        @Override
        public String freshUrl() {
            throw new UnsupportedOperationException("one database per test: url()");
        }

        @Override
        public dev.monitordash.core.config.MonitorConfig.Builder config(String url) {
            return dev.monitordash.core.config.MonitorConfig.builder().databaseUrl(url)
                    .databaseUser(PostgresTestDatabase.USER);
        }

        @Override
        public java.sql.Connection connect(String url) throws java.sql.SQLException {
            return java.sql.DriverManager.getConnection(url, PostgresTestDatabase.USER, "");
        }

        @Override
        public Outage unreachable() {
            throw new UnsupportedOperationException("not used by pipeline tests");
        }
    }
}
