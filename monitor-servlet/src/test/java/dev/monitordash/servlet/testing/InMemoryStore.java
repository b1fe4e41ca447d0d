package dev.monitordash.servlet.testing;

import dev.monitordash.core.query.DashboardQueries;
import dev.monitordash.core.query.OverviewRow;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.store.StoreException;
import dev.monitordash.core.store.StoredEndpoint;
import dev.monitordash.core.version.VersionInfo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link MonitorStore} in memory for the servlet module's tests: keeps every written record with its
 * {@link Origin}, thread-safe; {@link #failing(boolean)} makes every call fail as a dead database would,
 * and {@link #writeDelayMillis(long)} makes batches slow so that the queue has a backlog.
 */
public final class InMemoryStore implements MonitorStore {

    /** One written request with the origin the writer added. */
    public record Written(RequestRecord record, Origin origin) {
    }

    private final List<Written> written = new ArrayList<>(); // guarded by itself
    private final Map<String, StoredEndpoint> endpoints = new ConcurrentHashMap<>();
    private final Map<String, Instant> versions = new ConcurrentHashMap<>();
    private volatile boolean failing;
    private volatile long writeDelayMillis;
    private volatile boolean closed;

    /** While true, every call throws {@link StoreException}, as a database that went away. */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    public void writeDelayMillis(long millis) {
        this.writeDelayMillis = millis;
    }

    public boolean isClosed() {
        return closed;
    }

    /** A snapshot of everything written so far, in write order. */
    public List<Written> written() {
        synchronized (written) {
            return List.copyOf(written);
        }
    }

    public int size() {
        synchronized (written) {
            return written.size();
        }
    }

    public Map<String, StoredEndpoint> endpoints() {
        return Map.copyOf(endpoints);
    }

    public Set<String> versions() {
        return Set.copyOf(versions.keySet());
    }

    private void check() {
        if (failing) {
            throw new StoreException("in-memory store is failing (simulated outage)");
        }
        if (closed) {
            throw new StoreException("in-memory store is closed");
        }
    }

    @Override
    public void writeBatch(List<RequestRecord> records, Origin origin) {
        check();
        long delay = writeDelayMillis;
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while writing", e);
            }
        }
        synchronized (written) {
            for (RequestRecord r : records) {
                written.add(new Written(r, origin));
            }
        }
        for (RequestRecord r : records) {
            Instant at = Instant.EPOCH.plus(r.startEpochMicros(), ChronoUnit.MICROS);
            endpoints.compute(r.endpoint().name(), (name, e) -> {
                Set<String> methods = new HashSet<>(e == null ? Set.of() : e.methods());
                methods.add(r.method());
                return e == null
                        ? new StoredEndpoint(name, null, r.endpoint().level(), methods, at, origin.version(), at)
                        : new StoredEndpoint(name, e.handler(), e.level(), methods, e.firstSeen(), e.firstVersion(), at);
            });
        }
    }

    @Override
    public void saveEndpoint(String name, String handler, int level, Instant firstSeen, String version) {
        check();
        endpoints.putIfAbsent(name, new StoredEndpoint(name, handler, level, Set.of(), firstSeen, version, null));
    }

    @Override
    public void saveLevel(String name, int level) {
        check();
        endpoints.compute(name, (n, e) -> e == null
                ? new StoredEndpoint(n, null, level, Set.of(), Instant.now(), null, null)
                : new StoredEndpoint(n, e.handler(), level, e.methods(), e.firstSeen(), e.firstVersion(),
                        e.lastRequested()));
    }

    @Override
    public List<StoredEndpoint> loadEndpoints() {
        check();
        return List.copyOf(endpoints.values());
    }

    @Override
    public void saveVersion(VersionInfo version, Instant firstSeen) {
        check();
        versions.putIfAbsent(version.name(), firstSeen);
    }

    @Override
    public DashboardQueries queries() {
        return this::overview;
    }

    private List<OverviewRow> overview(ZoneId zone) {
        Instant midnight = LocalDate.now(zone).atStartOfDay(zone).toInstant();
        Instant weekAgo = Instant.now().minus(7, ChronoUnit.DAYS);
        Map<String, List<RequestRecord>> byEndpoint = new LinkedHashMap<>();
        for (Written w : written()) {
            byEndpoint.computeIfAbsent(w.record().endpoint().name(), k -> new ArrayList<>()).add(w.record());
        }
        List<OverviewRow> rows = new ArrayList<>();
        byEndpoint.forEach((name, records) -> {
            long today = 0;
            long week = 0;
            long errors = 0;
            long last = Long.MIN_VALUE;
            List<Long> durations = new ArrayList<>(records.size());
            for (RequestRecord r : records) {
                Instant at = Instant.EPOCH.plus(r.startEpochMicros(), ChronoUnit.MICROS);
                today += at.isBefore(midnight) ? 0 : 1;
                week += at.isBefore(weekAgo) ? 0 : 1;
                errors += r.status() >= 400 ? 1 : 0;
                last = Math.max(last, r.startEpochMicros());
                durations.add(r.durationNanos());
            }
            durations.sort(Comparator.naturalOrder());
            int n = durations.size();
            double medianNanos = n % 2 == 1 ? durations.get(n / 2)
                    : (durations.get(n / 2 - 1) + durations.get(n / 2)) / 2.0;
            rows.add(new OverviewRow(name, today, week, n, medianNanos / 1e6, errors,
                    Instant.EPOCH.plus(last, ChronoUnit.MICROS)));
        });
        return rows;
    }

    @Override
    public void close() {
        closed = true;
    }
}
