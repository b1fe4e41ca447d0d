package dev.monitordash.servlet.reliability;

import dev.monitordash.servlet.exit.ChildApp;
import dev.monitordash.servlet.exit.ChildJvm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two writers on one file: two JVMs, each an application monitored with the default pipeline
 * ({@link ChildApp} {@code defaults}), started together on the same SQLite file and loaded at once by
 * {@code reliability.connections} / 2 connections each. SQLite's file locks serialize the two writers;
 * every answered request of both must be stored once, and each monitor's written counter must match its
 * own rows.
 */
@Tag("reliability")
class TwoWritersOneFileTest {

    static final int CONNECTIONS = Integer.getInteger("reliability.connections", 200) / 2;
    static final int REQUESTS = Integer.getInteger("reliability.requests", 20_000) / 2;

    @TempDir
    Path dir;

    @Test
    void bothApplicationsRowsAreStoredAndEachCounterAgrees() throws Exception {
        Path database = dir.resolve("shared.db");
        long started = System.nanoTime();
        try (ChildJvm a = ChildJvm.start(ChildApp.class, entry -> false, database.toString(), "defaults");
             ChildJvm b = ChildJvm.start(ChildApp.class, entry -> false, database.toString(), "defaults")) {
            Load loadA = new Load(base(a), CONNECTIONS, REQUESTS, 0);
            Load loadB = new Load(base(b), CONNECTIONS, REQUESTS, 0);
            loadA.phase("a");
            loadB.phase("b");
            loadA.start();
            loadB.start();
            loadA.join();
            loadB.join();
            long loadMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
            long[] sa = drained(a);
            long[] sb = drained(b);
            long drainMillis = Duration.ofNanos(System.nanoTime() - started).toMillis() - loadMillis;

            Map<String, Integer> stored = Figures.storedIds(database);
            long rowsA = Figures.countWithPrefix(database, "a-");
            long rowsB = Figures.countWithPrefix(database, "b-");
            Set<String> missing = new HashSet<>(loadA.answered);
            missing.addAll(loadB.answered);
            missing.removeAll(stored.keySet());
            Figures.print("two-writers-one-file", String.format("jvms=2 connections=%d+%d offered=%d+%d"
                            + " answered=%d+%d stored=%d+%d written=%d+%d dropped=%d+%d missing=%d duplicated=%d"
                            + " failedRequests=%d load=%dms drain=%dms",
                    CONNECTIONS, CONNECTIONS, sa[0], sb[0], loadA.answered.size(), loadB.answered.size(), rowsA,
                    rowsB, sa[1], sb[1], sa[3], sb[3], missing.size(), Figures.duplicated(stored),
                    loadA.failed.get() + loadB.failed.get(), loadMillis, drainMillis));

            assertEquals(REQUESTS, loadA.answered.size(), "application a answered every request: " + loadA);
            assertEquals(REQUESTS, loadB.answered.size(), "application b answered every request: " + loadB);
            assertEquals(0, missing.size(), "answered but not stored, e.g. " + missing.stream().limit(5).toList());
            assertEquals(0, Figures.duplicated(stored), "ids stored more than once");
            assertEquals(sa[1], rowsA, "a's written == a's rows");
            assertEquals(sb[1], rowsB, "b's written == b's rows");
            assertEquals(0, sa[3] + sb[3], "nothing dropped");
        }
    }

    private static String base(ChildJvm child) throws InterruptedException {
        return "http://127.0.0.1:" + child.awaitLine(child.out, "PORT ", 60_000).substring("PORT ".length());
    }

    /** Waits until the child's queue is empty and written + dropped == offered; its last figures. */
    private static long[] drained(ChildJvm child) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            long[] s = stats(child);
            if (s[0] > 0 && s[2] == 0 && s[1] + s[3] == s[0]) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the queue never drained: " + child.lastStats + "\nstderr: " + child.err);
    }

    private static long[] stats(ChildJvm child) {
        String s = child.lastStats;
        if (s == null) {
            return new long[4];
        }
        String[] f = s.split(" ");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])};
    }
}
