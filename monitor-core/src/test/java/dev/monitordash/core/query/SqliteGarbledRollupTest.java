package dev.monitordash.core.query;

import dev.monitordash.core.testing.SqliteTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteGarbledRollupTest extends GarbledRollupContract {

    @TempDir
    Path dir;
    private SqliteTestDatabase database;

    /** One per test: the test opens a second, clean database, and each instance numbers its files from 1. */
    @Override
    protected TestDatabase database() {
        if (database == null) {
            database = new SqliteTestDatabase(dir);
        }
        return database;
    }

    @Override
    String garbage() {
        return "X'00010203'";
    }
}
