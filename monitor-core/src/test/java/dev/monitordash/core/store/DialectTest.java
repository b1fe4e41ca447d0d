package dev.monitordash.core.store;

import dev.monitordash.core.config.ConfigException;
import dev.monitordash.core.config.MonitorConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DialectTest {

    @Test
    void choosesTheDialectFromTheJdbcUrl() {
        assertInstanceOf(SqliteDialect.class, Dialect.forUrl("jdbc:sqlite:monitordash.db"));
        assertInstanceOf(PostgresDialect.class, Dialect.forUrl("jdbc:postgresql://db:5432/monitor"));
    }

    @Test
    void unknownUrlSchemeFailsNamingTheKeyWithoutLeakingTheUrlParameters() {
        ConfigException e = assertThrows(ConfigException.class, () -> JdbcStore.open(MonitorConfig.builder()
                .databaseUrl("jdbc:mysql://db/monitor?password=s3cret").build()));
        assertEquals("monitordash.database", e.key());
        assertTrue(e.getMessage().contains("jdbc:mysql:"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void inMemorySqliteIsRefusedBecauseEachPooledConnectionWouldSeeItsOwnDatabase() {
        ConfigException e = assertThrows(ConfigException.class, () -> Dialect.forUrl("jdbc:sqlite::memory:"));
        assertEquals("monitordash.database", e.key());
        assertTrue(e.getMessage().contains("use a file"), e.getMessage());
    }

    @Test
    void emptyUrlFailsNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> Dialect.forUrl(" "));
        assertEquals("monitordash.database", e.key());
    }

    @Test
    void migrationScriptsSplitIntoStatementsWithoutComments() {
        List<String> statements = SchemaMigrator.statements("""
                -- a comment; with a semicolon
                CREATE TABLE a (
                    x TEXT NOT NULL DEFAULT '', -- trailing comment
                    y INTEGER
                );
                CREATE INDEX a_y ON a (y);
                """);
        assertEquals(List.of("CREATE TABLE a (\nx TEXT NOT NULL DEFAULT '',\ny INTEGER\n)",
                "CREATE INDEX a_y ON a (y)"), statements);
    }
}
