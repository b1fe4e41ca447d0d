package dev.monitordash.servlet.exit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, item 1: SIGTERM under load loses no answered request. A child JVM ({@link ChildApp}: the real
 * filter on an embedded Jetty that is not stopped on SIGTERM, a real SQLite file, a writer slowed to one
 * record per transaction) is loaded by many client threads until a backlog of thousands of records has
 * built up, then gets SIGTERM ({@link Process#destroy()}). Before the monitor had its own shutdown hook,
 * the daemon writer died with the JVM and the whole backlog was lost.
 */
class ExitFlushTest {

    private static final int CLIENTS = 16;
    private static final long BACKLOG = 3_000;

    @TempDir
    Path dir;

    @Test
    void everyRequestAnsweredBeforeSigtermIsInTheStoreAfterTheJvmExits() throws Exception {
        Path database = dir.resolve("exit.db");
        Set<String> answered = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ids = new AtomicLong();
        long backlogAtSigterm;
        long exitMillis;
        try (ChildJvm child = ChildJvm.start(ChildApp.class, entry -> false, database.toString(), "slow-writer")) {
            int port = Integer.parseInt(child.awaitLine(child.out, "PORT ", 60_000).substring("PORT ".length()));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Thread t = new Thread(() -> load(http, port, ids, answered, stop), "client-" + i);
                t.start();
                clients.add(t);
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (queued(child) < BACKLOG && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            backlogAtSigterm = queued(child);
            assertTrue(backlogAtSigterm >= BACKLOG, "no backlog built up: " + child.lastStats);

            long sigterm = System.nanoTime();
            child.process.destroy(); // SIGTERM
            stop.set(true); // clients finish the request they are in; those still get answers while the JVM exits
            for (Thread t : clients) {
                t.join(60_000);
            }
            assertTrue(child.process.waitFor(120, TimeUnit.SECONDS), "the child did not exit");
            exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
        }

        Set<String> stored = storedIds(database);
        Set<String> missing = new HashSet<>(answered);
        missing.removeAll(stored);
        System.out.printf("ExitFlushTest: %d requests answered 200, %d stored, backlog at SIGTERM %d records,"
                + " exit took %d ms, %d answered but missing%n", answered.size(), stored.size(), backlogAtSigterm,
                exitMillis, missing.size());
        assertTrue(missing.isEmpty(), missing.size() + " of " + answered.size()
                + " answered requests are not in the store, e.g. " + missing.stream().limit(5).toList());
    }

    private static void load(HttpClient http, int port, AtomicLong ids, Set<String> answered, AtomicBoolean stop) {
        while (!stop.get()) {
            String id = Long.toString(ids.incrementAndGet());
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/work?id=" + id))
                    .timeout(Duration.ofSeconds(30)).build();
            try {
                if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    answered.add(id);
                }
            } catch (IOException e) {
                return; // the server is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long queued(ChildJvm child) {
        String s = child.lastStats;
        return s == null ? 0 : Long.parseLong(s.split(" ")[3]);
    }

    private static Set<String> storedIds(Path database) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT user_name FROM request_detail")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
