package dev.monitordash.core;

import dev.monitordash.core.testing.SqliteTestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JVM shutdown hook that writes the queue at exit is registered while the monitor runs and removed
 * when it closes normally: a hook left registered would keep an undeployed web application's class
 * loader (and everything it loaded) alive until the JVM exits. (That it writes the queue at SIGTERM is
 * ExitFlushTest's part, in a child JVM.)
 */
class MonitorExitHookTest {

    @TempDir
    Path dir;

    @Test
    void theExitHookIsRegisteredWhileRunningAndRemovedByClose() {
        SqliteTestDatabase db = new SqliteTestDatabase(dir);
        Monitor monitor = Monitor.start(db.config(db.freshUrl()).build());
        Thread hook = monitor.exitHook();
        assertTrue(Runtime.getRuntime().removeShutdownHook(hook), "registered while the monitor runs");
        Runtime.getRuntime().addShutdownHook(hook); // put back for close to remove

        monitor.close();

        assertFalse(Runtime.getRuntime().removeShutdownHook(hook), "close removed it");
        assertFalse(hook.isAlive());
    }
}
