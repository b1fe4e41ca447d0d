package dev.monitordash.benchmarks;

import dev.monitordash.core.query.DashboardQueries;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.store.StoredEndpoint;
import dev.monitordash.core.version.VersionInfo;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A store that counts and forgets, so a benchmark measures the request thread and not a database. */
final class DiscardingStore implements MonitorStore {

    private final AtomicLong written = new AtomicLong();

    long written() {
        return written.get();
    }

    @Override
    public void writeBatch(List<RequestRecord> records, Origin origin) {
        written.addAndGet(records.size());
    }

    @Override
    public void saveEndpoint(String name, String handler, int level, Instant firstSeen, String version) {
    }

    @Override
    public void saveLevel(String name, int level) {
    }

    @Override
    public List<StoredEndpoint> loadEndpoints() {
        return List.of();
    }

    @Override
    public void saveVersion(VersionInfo version, Instant firstSeen) {
    }

    @Override
    public DashboardQueries queries() {
        return zone -> List.of();
    }

    @Override
    public void close() {
    }
}
