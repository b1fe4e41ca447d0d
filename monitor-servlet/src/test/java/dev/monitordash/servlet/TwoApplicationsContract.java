package dev.monitordash.servlet;

import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.servlet.testing.Await;
import dev.monitordash.servlet.testing.ExplodedWar;
import dev.monitordash.servlet.testing.StoredRows;
import dev.monitordash.servlet.testing.WarContainer;
import dev.monitordash.servlet.testing.war.ProbeServlet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two WARs with MonitorDash in their WEB-INF/lib in one real container, each with its own class loader and so
 * its own copy of the native SQLite library, as on the Debian-packaged Tomcat, where two applications on
 * the shared default file lost 18 of 2 000 records while both said every record was written
 * (docs/storage.md). With the defaults each now writes a file of its own; configured onto one file, the
 * second is refused and says why, and the first records everything.
 */
abstract class TwoApplicationsContract {

    private static final int REQUESTS = 1_000;
    /** Unusual context names: their default files are created in this module's working directory. */
    private static final String FIRST = "/twoapps-first";
    private static final String SECOND = "/twoapps-second";

    @TempDir
    Path temp;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A running container in {@code dir}. */
    protected abstract WarContainer start(Path dir) throws Exception;

    /** The application as this container deploys it (with its MonitorDash bound). */
    protected abstract ExplodedWar prepare(ExplodedWar war);

    @BeforeEach
    @AfterEach
    void removeDefaultFiles() throws IOException {
        for (String context : List.of(FIRST, SECOND)) {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(defaultFile(context).resolveSibling(defaultFile(context).getFileName() + suffix));
            }
        }
    }

    @Test
    void twoApplicationsWithDefaultSettingsEachWriteTheirOwnFileAndLoseNothing() throws Exception {
        try (WarContainer container = start(temp.resolve("container"))) {
            container.deployWar(FIRST, war("first", new Properties()));
            container.deployWar(SECOND, war("second", new Properties()));

            load(container, FIRST, SECOND);
            awaitAllWritten(container, FIRST, SECOND);
            container.undeployWar(FIRST);
            container.undeployWar(SECOND);
        }
        // Read only now: this test's own SQLite is a third copy in this JVM.
        for (String context : List.of(FIRST, SECOND)) {
            Path file = defaultFile(context);
            assertTrue(Files.isRegularFile(file), file + " is the default file of " + context);
            StoredRows rows = StoredRows.sqlite("jdbc:sqlite:" + file);
            assertEquals(Map.of(context.substring(1) + " /app/*", (long) REQUESTS), rows.countsBy(
                    "SELECT r.service, e.name, COUNT(*) FROM " + StoredRows.REQUESTS + " WHERE e.name = '/app/*'"
                            + " GROUP BY r.service, e.name"), "every request of " + context + ", and only its own");
        }
    }

    @Test
    void aSecondApplicationConfiguredOntoTheSameFileIsRefusedAndTheFirstRecordsEverything() throws Exception {
        Path shared = temp.resolve("shared.db");
        Properties properties = new Properties();
        properties.setProperty("monitordash.database", "jdbc:sqlite:" + shared);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        try (WarContainer container = start(temp.resolve("container"))) {
            container.deployWar(FIRST, war("first", properties));
            // The application's slf4j-simple writes to whatever System.err is when it logs.
            System.setErr(new PrintStream(new Tee(err, log), true, StandardCharsets.UTF_8));
            try {
                container.deployWar(SECOND, war("second", properties));
            } finally {
                System.setErr(err);
            }
            String logged = log.toString(StandardCharsets.UTF_8);
            assertTrue(logged.contains("ERROR") && logged.contains("monitordash.database") && logged.contains(
                    shared.toRealPath().toString()) && logged.contains("lib/"), "the refusal is logged:\n" + logged);

            load(container, FIRST, SECOND); // the refused application keeps serving its own requests
            Await.until("the first application's requests written", Duration.ofSeconds(120),
                    () -> allWritten(stats(container, FIRST)), () -> stats(container, FIRST).toString());
            Await.until("the second application's requests dropped and counted", Duration.ofSeconds(120), () -> {
                Map<String, String> s = stats(container, SECOND);
                return Long.parseLong(s.get("accepted")) >= REQUESTS && s.get("accepted").equals(s.get("dropped"));
            }, () -> stats(container, SECOND).toString());
            Map<String, String> refused = stats(container, SECOND);
            assertEquals("0", refused.get("written"));
            String error = refused.get("error");
            assertTrue(error.contains("monitordash.database") && error.contains(shared.toRealPath().toString())
                    && error.contains("its own file") && error.contains("lib/") && error.contains("PostgreSQL"),
                    "the status the dashboard shows says why and what to do: " + error);
            container.undeployWar(SECOND);
            container.undeployWar(FIRST);
        }
        StoredRows rows = StoredRows.sqlite("jdbc:sqlite:" + shared);
        assertEquals(Map.of("twoapps-first /app/*", (long) REQUESTS), rows.countsBy(
                "SELECT r.service, e.name, COUNT(*) FROM " + StoredRows.REQUESTS + " WHERE e.name = '/app/*'"
                        + " GROUP BY r.service, e.name"), "all of the first's requests, none of the refused one's");
        assertFalse(Files.exists(defaultFile(SECOND)), "a refused application does not fall back to another file");
    }

    @Test
    void twoApplicationsOnOnePostgresDatabaseAreTwoServicesAndLoseNothing() throws Exception {
        PostgresTestDatabase postgres = PostgresTestDatabase.shared();
        String url = postgres.freshUrl();
        Properties properties = new Properties();
        properties.setProperty("monitordash.database", url);
        properties.setProperty("monitordash.database.user", PostgresTestDatabase.USER);
        try (WarContainer container = start(temp.resolve("container"))) {
            // Each application bundles the driver, as a WAR does; the service comes from the context path.
            container.deployWar(FIRST, war("first", properties).withLibraryOf(org.postgresql.Driver.class));
            container.deployWar(SECOND, war("second", properties).withLibraryOf(org.postgresql.Driver.class));

            load(container, FIRST, SECOND);
            awaitAllWritten(container, FIRST, SECOND);
            container.undeployWar(FIRST);
            container.undeployWar(SECOND);
        }
        StoredRows rows = StoredRows.postgres(url, PostgresTestDatabase.USER);
        assertEquals(Map.of("twoapps-first /app/*", (long) REQUESTS, "twoapps-second /app/*", (long) REQUESTS),
                rows.countsBy("SELECT r.service, e.name, COUNT(*) FROM " + StoredRows.REQUESTS
                        + " WHERE e.name = '/app/*' GROUP BY r.service, e.name"),
                "one database, one service per application, every request of each");
    }

    private ExplodedWar war(String name, Properties properties) {
        return prepare(ExplodedWar.build(temp.resolve(name), properties, ProbeServlet.class));
    }

    /** Where a WAR at {@code context} with the default database writes: the working directory. */
    private static Path defaultFile(String context) {
        return Path.of("monitordash-" + context.substring(1) + ".db").toAbsolutePath();
    }

    /** {@link #REQUESTS} to each application at once, four connections each, so that their writers overlap. */
    private void load(WarContainer container, String... contexts) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4 * contexts.length);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String context : contexts) {
                for (int c = 0; c < 4; c++) {
                    done.add(clients.submit(() -> {
                        for (int i = 0; i < REQUESTS / 4; i++) {
                            assertEquals(200, get(container, context + "/app/hello").statusCode());
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private void awaitAllWritten(WarContainer container, String... contexts) {
        for (String context : contexts) {
            Await.until(context + "'s requests written", Duration.ofSeconds(120),
                    () -> allWritten(stats(container, context)), () -> stats(container, context).toString());
        }
    }

    private static boolean allWritten(Map<String, String> stats) {
        return Long.parseLong(stats.get("accepted")) >= REQUESTS && stats.get("accepted").equals(stats.get("written"))
                && stats.get("queued").equals("0");
    }

    /** The application's own counters (ProbeServlet's /stats), asked over HTTP. */
    private Map<String, String> stats(WarContainer container, String context) {
        return get(container, context + "/stats").body().lines().map(l -> l.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }

    private HttpResponse<String> get(WarContainer container, String path) {
        try {
            return http.send(HttpRequest.newBuilder(container.uri(path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(path, e);
        }
    }

    /** Writes to the real stream and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int x) throws IOException {
            a.write(x);
            b.write(x);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
