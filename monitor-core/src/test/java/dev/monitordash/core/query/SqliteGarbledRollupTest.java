package dev.monitordash.core.query;

import dev.monitordash.core.testing.SqliteTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteGarbledRollupTest extends GarbledRollupContract {

    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return new SqliteTestDatabase(dir);
    }

    @Override
    String garbage() {
        return "X'00010203'";
    }
}
