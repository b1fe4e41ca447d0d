package dev.monitordash.core.testing;

import dev.monitordash.core.config.MonitorConfig;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/** SQLite files in a JUnit temporary directory. */
public final class SqliteTestDatabase implements TestDatabase {

    private final Path dir;
    private final AtomicInteger counter = new AtomicInteger();

    public SqliteTestDatabase(Path dir) {
        this.dir = dir;
    }

    @Override
    public String freshUrl() {
        return "jdbc:sqlite:" + dir.resolve("monitordash-" + counter.incrementAndGet() + ".db");
    }

    @Override
    public MonitorConfig.Builder config(String url) {
        return MonitorConfig.builder().databaseUrl(url);
    }

    @Override
    public Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** A file in a directory that does not exist yet: SQLite cannot open it until it is created. */
    @Override
    public Outage unreachable() {
        Path missing = dir.resolve("not-yet-" + counter.incrementAndGet());
        return new Outage() {
            @Override
            public String url() {
                return "jdbc:sqlite:" + missing.resolve("monitordash.db");
            }

            @Override
            public void bringUp() throws Exception {
                Files.createDirectories(missing);
            }

            @Override
            public void close() {
            }
        };
    }
}
