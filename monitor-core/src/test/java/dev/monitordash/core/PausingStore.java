package dev.monitordash.core;

import dev.monitordash.core.query.DashboardQueries;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.DurationTotal;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.store.StoredEndpoint;
import dev.monitordash.core.version.VersionInfo;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real store whose next {@link #loadLevels()} can be held after it has read: the window in which a
 * refresh holds a read that a local level change could overtake.
 */
final class PausingStore implements MonitorStore {

    private final MonitorStore store;
    private volatile CountDownLatch read;
    private volatile CountDownLatch release;

    PausingStore(MonitorStore store) {
        this.store = store;
    }

    /** The next loadLevels reads, counts down the returned latch, and waits for {@link #release()}. */
    CountDownLatch pauseNextLoadAfterReading() {
        read = new CountDownLatch(1);
        release = new CountDownLatch(1);
        return read;
    }

    void release() {
        release.countDown();
    }

    @Override
    public Map<String, Integer> loadLevels() {
        Map<String, Integer> levels = store.loadLevels();
        CountDownLatch r = read;
        if (r != null && r.getCount() > 0) {
            r.countDown();
            try {
                if (!release.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the paused read");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return levels;
    }

    @Override
    public void writeBatch(List<RequestRecord> records, Origin origin) {
        store.writeBatch(records, origin);
    }

    @Override
    public void saveEndpoint(String name, String handler, int level, Instant firstSeen, String version) {
        store.saveEndpoint(name, handler, level, firstSeen, version);
    }

    @Override
    public void saveLevel(String name, int level) {
        store.saveLevel(name, level);
    }

    @Override
    public List<StoredEndpoint> loadEndpoints() {
        return store.loadEndpoints();
    }

    @Override
    public List<DurationTotal> loadDurationTotals() {
        return store.loadDurationTotals();
    }

    @Override
    public Map<String, long[]> loadRecentDurations(int perEndpoint) {
        return store.loadRecentDurations(perEndpoint);
    }

    @Override
    public void saveVersion(VersionInfo version, Instant firstSeen) {
        store.saveVersion(version, firstSeen);
    }

    @Override
    public DashboardQueries queries() {
        return store.queries();
    }

    @Override
    public void close() {
        store.close();
    }
}
