package dev.monitordash.core.store;

import dev.monitordash.core.testing.SqliteTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

class SqliteLegacyConversionTest extends LegacyConversionContract {

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

    @Override
    List<String> failDeletesFromV1() {
        return List.of("CREATE TRIGGER v1_stuck BEFORE DELETE ON request_v1 "
                + "BEGIN SELECT RAISE(ABORT, 'conversion interrupted'); END");
    }

    @Override
    String allowDeletesFromV1() {
        return "DROP TRIGGER v1_stuck";
    }
}
