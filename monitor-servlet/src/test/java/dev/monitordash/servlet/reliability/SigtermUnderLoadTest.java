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
 * SIGTERM under load, at a larger scale than ExitFlushTest: the child JVM ({@link ChildApp}, an embedded
 * Jetty that is not stopped on SIGTERM, its writer slowed to one record per transaction) under
 * {@code reliability.connections} (200) connections gets SIGTERM once {@code reliability.backlog} (5 000)
 * records are queued. Only the monitor's shutdown hook can write them; every answered request must be in
 * the file afterwards.
 */
@Tag("reliability")
class SigtermUnderLoadTest {

    static final int CONNECTIONS = Integer.getInteger("reliability.connections", 200);
    static final long BACKLOG = Long.getLong("reliability.backlog", 5_000);

    @TempDir
    Path dir;

    @Test
    void everyRequestAnsweredBeforeTheJvmExitsIsStored() throws Exception {
        Path database = dir.resolve("sigterm.db");
        Load load;
        long[] atSigterm;
        long exitMillis;
        long loadMillis;
        try (ChildJvm child = ChildJvm.start(ChildApp.class, entry -> false, database.toString(), "slow-writer")) {
            int port = Integer.parseInt(child.awaitLine(child.out, "PORT ", 60_000).substring("PORT ".length()));
            long started = System.nanoTime();
            load = new Load("http://127.0.0.1:" + port, CONNECTIONS, Long.MAX_VALUE, 0).start();
            long deadline = started + TimeUnit.SECONDS.toNanos(90);
            while (stats(child)[2] < BACKLOG && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            atSigterm = stats(child);
            assertTrue(atSigterm[2] >= BACKLOG, "no backlog built up: " + child.lastStats);
            loadMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            long sigterm = System.nanoTime();
            child.process.destroy(); // SIGTERM
            load.stop(); // clients finish the request they are in; those may still be answered while the JVM exits
            load.join();
            assertTrue(child.process.waitFor(120, TimeUnit.SECONDS), "the child did not exit");
            exitMillis = Duration.ofNanos(System.nanoTime() - sigterm).toMillis();
        }

        Map<String, Integer> stored = Figures.storedIds(database);
        Set<String> missing = new HashSet<>(load.answered);
        missing.removeAll(stored.keySet());
        Figures.print("sigterm-under-load", String.format("connections=%d sent=%d answered=%d stored=%d"
                        + " offeredAtSigterm=%d writtenAtSigterm=%d queuedAtSigterm=%d droppedAtSigterm=%d missing=%d"
                        + " duplicated=%d load=%dms exit=%dms",
                CONNECTIONS, load.sent.get(), load.answered.size(), Figures.rows(stored), atSigterm[0], atSigterm[1],
                atSigterm[2], atSigterm[3], missing.size(), Figures.duplicated(stored), loadMillis, exitMillis));

        assertEquals(0, missing.size(), missing.size() + " of " + load.answered.size()
                + " answered requests are not in the store, e.g. " + missing.stream().limit(5).toList());
        assertEquals(0, Figures.duplicated(stored), "ids stored more than once");
    }

    /** The child's last {@code STATS} line: offered, written, queued, dropped. */
    private static long[] stats(ChildJvm child) {
        String s = child.lastStats;
        if (s == null) {
            return new long[4];
        }
        String[] f = s.split(" ");
        return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])};
    }
}
