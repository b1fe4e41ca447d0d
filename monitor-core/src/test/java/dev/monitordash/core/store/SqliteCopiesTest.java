package dev.monitordash.core.store;

import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.record.RecordPipeline;
import dev.monitordash.core.testing.Await;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.version.VersionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One SQLite copy per database file in the JVM. Another web application's copy is played by a class
 * loader of its own: the registry tells copies apart by the class loader sqlite-jdbc comes from.
 */
class SqliteCopiesTest {

    @TempDir
    Path dir;

    private final ClassLoader otherApplication = new URLClassLoader(new URL[0], null);

    @Test
    void monitorsOfOneSqliteCopyShareAFile() {
        Path file = dir.resolve("shared.db");
        try (SqliteCopies.Claim first = claim(file, getClass().getClassLoader(), "shop");
             SqliteCopies.Claim second = claim(file, getClass().getClassLoader(), "shop-admin")) {
            assertTrue(first.refusal().isEmpty());
            assertTrue(second.refusal().isEmpty());
        }
        try (SqliteCopies.Claim other = claim(file, otherApplication, "blog")) {
            assertTrue(other.refusal().isEmpty(), "both released, the file is free");
        }
    }

    @Test
    void anotherCopyIsRefusedWithTheKeyTheFileAndTheFix() {
        Path file = dir.resolve("shared.db");
        try (SqliteCopies.Claim owner = claim(file, getClass().getClassLoader(), "shop")) {
            String why = claim(dir.resolve("sub/../shared.db"), otherApplication, "blog").refusal().orElseThrow();
            assertTrue(why.contains("monitordash.database = jdbc:sqlite:"), why);
            assertTrue(why.contains(file.toString()), why);
            assertTrue(why.contains("service 'shop'"), why);
            assertTrue(why.contains("its own file") && why.contains("lib/") && why.contains("monitordash.service")
                    && why.contains("PostgreSQL"), why);
        }
    }

    @Test
    void aFileIsFreeForAnotherCopyOnceEveryUserOfTheFirstReleasedIt() {
        Path file = dir.resolve("redeployed.db");
        SqliteCopies.Claim first = claim(file, getClass().getClassLoader(), "shop");
        SqliteCopies.Claim second = claim(file, getClass().getClassLoader(), "shop");
        first.close();
        first.close(); // twice: still counts once
        assertTrue(claim(file, otherApplication, "shop").refusal().isPresent(), "one user is left");
        second.close();
        try (SqliteCopies.Claim redeployed = claim(file, otherApplication, "shop")) {
            assertTrue(redeployed.refusal().isEmpty());
        }
    }

    @Test
    void aRefusedStoreNeverOpensTheFileAndFailsEveryOperation() {
        Path file = dir.resolve("taken.db");
        String url = "jdbc:sqlite:" + file;
        try (SqliteCopies.Claim other = claim(file, otherApplication, "shop");
             JdbcStore store = JdbcStore.openWithoutConnecting(MonitorConfig.builder().databaseUrl(url).build(),
                     Clock.systemUTC())) {
            assertTrue(store.refusal().isPresent());
            StoreRefusedException e = assertThrows(StoreRefusedException.class,
                    () -> store.saveVersion(VersionInfo.unknown(), Instant.now()));
            assertEquals(store.refusal().get(), e.getMessage());
            assertThrows(StoreRefusedException.class, store::loadEndpoints);
            assertFalse(Files.exists(file), "a second SQLite copy must not even open the file");
        }
    }

    @Test
    void aRefusedStoresRecordsAreDroppedAndCountedInsteadOfWaitingInTheQueue() throws Exception {
        Path file = dir.resolve("taken.db");
        try (SqliteCopies.Claim other = claim(file, otherApplication, "shop");
             JdbcStore store = JdbcStore.openWithoutConnecting(
                     MonitorConfig.builder().databaseUrl("jdbc:sqlite:" + file).build(), Clock.systemUTC())) {
            RecordPipeline pipeline = new RecordPipeline(store, Records.ORIGIN, 10_000, 100, Duration.ofSeconds(5));
            // As the monitor does at start: the version and the declared endpoints go first, and a task
            // that finds an unreachable store is retried before any record is written.
            pipeline.submit(() -> store.saveVersion(VersionInfo.unknown(), Instant.now()));
            pipeline.start();
            Records.many(300, List.of(Records.endpoint("/a")), 0, "u").forEach(pipeline::offer);
            Await.until("every record counted", Duration.ofSeconds(60), () -> pipeline.stats().failed() == 300);
            assertEquals(0, pipeline.stats().queued());
            assertEquals(store.refusal().get(), pipeline.stats().lastError(), "the dashboard's status shows why");
            pipeline.close();
        }
    }

    @Test
    void closingAStoreReleasesItsFile() {
        String url = "jdbc:sqlite:" + dir.resolve("app.db");
        JdbcStore store = JdbcStore.open(MonitorConfig.builder().databaseUrl(url).build());
        assertTrue(claim(dir.resolve("app.db"), otherApplication, "blog").refusal().isPresent());
        store.close();
        try (SqliteCopies.Claim next = claim(dir.resolve("app.db"), otherApplication, "blog")) {
            assertTrue(next.refusal().isEmpty());
        }
    }

    private static SqliteCopies.Claim claim(Path file, ClassLoader loader, String service) {
        return SqliteCopies.claim("jdbc:sqlite:" + file, file, loader, service);
    }
}
