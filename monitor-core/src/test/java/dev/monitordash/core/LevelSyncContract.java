package dev.monitordash.core;

import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.testing.Await;
import dev.monitordash.core.testing.TestDatabase;
import dev.monitordash.core.version.VersionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of one application on one store (as in production: two JVMs, here two monitors in one):
 * a level changed on either instance's dashboard reaches the other by its periodic refresh. Subclasses run
 * it on one real SQLite file and one real PostgreSQL database.
 */
abstract class LevelSyncContract {

    static final String ORDERS = "/orders/{id}";
    /** Short, so that the tests see several refreshes; production's minimum is 1 s. */
    static final Duration REFRESH = Duration.ofMillis(200);
    /** Generous for a loaded 2-core machine: the refresh itself comes every 200 ms. */
    static final Duration DEADLINE = Duration.ofSeconds(30);
    static final VersionInfo VERSION = new VersionInfo("1.0", null, List.of(), Instant.parse("2025-06-01T00:00:00Z"),
            VersionInfo.Source.CONFIGURED);

    protected abstract TestDatabase database();

    private String url;
    private final List<Monitor> started = new ArrayList<>();

    @BeforeEach
    void sharedStore() {
        url = database().freshUrl();
    }

    @AfterEach
    void stopInstances() {
        started.forEach(Monitor::close);
    }

    private Monitor instance(String name, Duration refresh) {
        return instance(name, refresh, store -> store);
    }

    private Monitor instance(String name, Duration refresh, Function<MonitorStore, MonitorStore> wrap) {
        MonitorConfig c = database().config(url).instanceName(name).shutdownTimeout(Duration.ofSeconds(10)).build();
        Monitor m = Monitor.start(c, VERSION, wrap.apply(JdbcStore.open(c)), refresh);
        started.add(m);
        m.declare(ORDERS, "OrdersServlet");
        return m;
    }

    private static int level(Monitor m) {
        return m.endpoints().find(ORDERS).level();
    }

    private static void awaitLevel(Monitor m, int level) throws Exception {
        Await.until(m.config().instanceName() + " has " + ORDERS + " at level " + level, DEADLINE,
                () -> level(m) == level);
    }

    @Test
    void aLevelChangedOnOneInstanceReachesTheOtherAndSoDoesTheChangeBack() throws Exception {
        Monitor a = instance("a", REFRESH);
        Monitor b = instance("b", REFRESH);
        assertEquals(MonitoringLevel.PERFORMANCE, level(b));

        a.changeLevel(ORDERS, MonitoringLevel.OFF);
        awaitLevel(b, MonitoringLevel.OFF);
        a.changeLevel(ORDERS, MonitoringLevel.PERFORMANCE);
        awaitLevel(b, MonitoringLevel.PERFORMANCE);
        assertEquals(MonitoringLevel.PERFORMANCE, level(a));

        // And the other way round: neither instance is special.
        b.changeLevel(ORDERS, MonitoringLevel.OFF);
        awaitLevel(a, MonitoringLevel.OFF);
    }

    @Test
    void levelTwoArrivingFromAnotherInstanceStartsTheSystemSamplingThere() throws Exception {
        Monitor a = instance("a", REFRESH);
        Monitor b = instance("b", REFRESH);
        assertNull(b.outliers().latestSystem(), "level 1 alone starts neither watchdog nor OSHI");

        a.changeLevel(ORDERS, MonitoringLevel.OUTLIERS);
        awaitLevel(b, MonitoringLevel.OUTLIERS);
        Await.until("b's first system snapshot", DEADLINE, () -> b.outliers().latestSystem() != null);
    }

    @Test
    void anEndpointAnInstanceLearnsLaterGetsTheLevelStoredByAnother() throws Exception {
        Monitor a = instance("a", REFRESH);
        Monitor b = instance("b", REFRESH);
        a.declare("/reports", "ReportServlet");
        a.changeLevel("/reports", MonitoringLevel.PROFILER);

        // b has not seen /reports: it learns it at the default level, and its next refresh corrects that.
        b.endpoints().lookup("/reports");
        Await.until("b has /reports at level 3", DEADLINE,
                () -> b.endpoints().find("/reports").level() == MonitoringLevel.PROFILER);
    }

    @Test
    void aRefreshRightAfterAnInstancesOwnChangeReadsThatChange() {
        Monitor a = instance("a", REFRESH);
        Monitor b = instance("b", REFRESH);
        for (int i = 0; i < 12; i++) {
            int level = i % 4;
            b.changeLevel(ORDERS, level);
            assertEquals(0, b.levelSync().refresh(), "the refresh found nothing to change after change " + i);
            assertEquals(level, level(b));
        }
        assertEquals(0, a.levelSync().failures() + b.levelSync().failures());
    }

    /**
     * The race: b's refresh has read the store (level 1), then b's admin sets level 3, then the refresh
     * applies what it read. It must not undo the admin's change with its stale read.
     */
    @Test
    void aRefreshThatReadBeforeAnInstancesOwnChangeDoesNotUndoIt() throws Exception {
        AtomicReference<PausingStore> pausing = new AtomicReference<>();
        Monitor b = instance("b", Duration.ZERO, store -> {
            pausing.set(new PausingStore(store));
            return pausing.get();
        });
        CountDownLatch readTaken = pausing.get().pauseNextLoadAfterReading();
        Thread refresh = new Thread(() -> b.levelSync().refresh(), "test-refresh");
        refresh.start();
        assertTrue(readTaken.await(DEADLINE.toSeconds(), TimeUnit.SECONDS), "the refresh read the store");

        Thread change = new Thread(() -> b.changeLevel(ORDERS, MonitoringLevel.PROFILER), "test-change");
        change.start();
        // Either the change waits for the refresh (as it must), or it has overtaken it (the bug).
        Await.until("the change has run or waits for the refresh", DEADLINE,
                () -> !change.isAlive() || change.getState() == Thread.State.BLOCKED);
        pausing.get().release();
        refresh.join(DEADLINE.toMillis());
        change.join(DEADLINE.toMillis());

        assertEquals(MonitoringLevel.PROFILER, level(b), "the admin's change survives the stale read");
        assertEquals(MonitoringLevel.PROFILER, b.store().loadLevels().get(ORDERS));
        assertEquals(0, b.levelSync().refresh());
        assertEquals(MonitoringLevel.PROFILER, level(b));
    }

    @Test
    void anUnreadableStoreLeavesLevelsAsTheyAreLogsOnceAndRefreshingResumesWhenItIsBack() throws Exception {
        Monitor a = instance("a", REFRESH);
        Monitor b = instance("b", REFRESH);
        a.changeLevel(ORDERS, MonitoringLevel.PROFILER);
        awaitLevel(b, MonitoringLevel.PROFILER);

        sql("ALTER TABLE endpoint RENAME TO endpoint_away");
        try {
            assertEquals(0, b.levelSync().refresh());
            Await.until("b's periodic refresh failed a few more times", DEADLINE, () -> b.levelSync().failures() >= 4);
            assertEquals(1, b.levelSync().failuresLogged(), "one log line a minute, not one per refresh");
            assertEquals(MonitoringLevel.PROFILER, level(b));
            assertTrue(b.record(new RequestRecord(b.endpoints().find(ORDERS), 1, 1_000_000, "GET", 200, null, null)),
                    "recording goes on");
        } finally {
            sql("ALTER TABLE endpoint_away RENAME TO endpoint");
        }

        a.changeLevel(ORDERS, MonitoringLevel.PERFORMANCE);
        awaitLevel(b, MonitoringLevel.PERFORMANCE);
    }

    private void sql(String statement) throws Exception {
        try (Connection c = database().connect(url); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
