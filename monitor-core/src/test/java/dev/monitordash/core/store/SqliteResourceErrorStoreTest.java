package dev.monitordash.core.store;

import dev.monitordash.core.testing.SqliteTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class SqliteResourceErrorStoreTest extends ResourceErrorStoreContract {

    @TempDir
    Path dir;

    @Override
    protected TestDatabase database() {
        return new SqliteTestDatabase(dir);
    }
}
