package dev.monitordash.core.store;

import dev.monitordash.core.testing.SqliteTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SqliteJdbcStoreTest extends JdbcStoreContract {

    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return new SqliteTestDatabase(dir);
    }

    @Override
    Dialect dialect() {
        return new SqliteDialect();
    }

    @Test
    void sqliteFileIsInWalMode() throws Exception {
        open();
        try (var c = database().connect(url); var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertEquals("wal", rs.getString(1));
        }
    }
}
