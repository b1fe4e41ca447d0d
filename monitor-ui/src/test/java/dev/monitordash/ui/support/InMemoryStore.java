package dev.monitordash.ui.support;

import dev.monitordash.core.query.DashboardQueries;
import dev.monitordash.core.query.OverviewRow;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.store.StoreException;
import dev.monitordash.core.store.StoredEndpoint;
import dev.monitordash.core.version.VersionInfo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A store that keeps everything in memory and answers the dashboard's queries by computing them over
 * what was written, like the JDBC store does in SQL. Can be switched to failing, like a database that
 * went away.
 */
public final class InMemoryStore implements MonitorStore, DashboardQueries {

    /** One stored request, as the writer would insert it. */
    public record StoredRequest(String endpoint, long startMicros, long durationNanos, String method, int status,
            String user, String version) {
    }

    private static final class EndpointRow {
        final String name;
        String handler;
        int level;
        final TreeSet<String> methods = new TreeSet<>();
        final Instant firstSeen;
        final String firstVersion;
        Instant lastRequested;

        EndpointRow(String name, String handler, int level, Instant firstSeen, String firstVersion) {
            this.name = name;
            this.handler = handler;
            this.level = level;
            this.firstSeen = firstSeen;
            this.firstVersion = firstVersion;
        }
    }

    private final Clock clock;
    private final Map<String, EndpointRow> endpoints = new LinkedHashMap<>(); // guarded by this
    private final List<StoredRequest> requests = new ArrayList<>(); // guarded by this
    private final Map<String, Instant> versions = new LinkedHashMap<>(); // guarded by this
    private volatile boolean failing;

    public InMemoryStore() {
        this(Clock.systemUTC());
    }

    public InMemoryStore(Clock clock) {
        this.clock = clock;
    }

    /** While failing, every call throws a {@link StoreException}, as a store whose database is down. */
    public void failing(boolean failing) {
        this.failing = failing;
    }

    private void check() {
        if (failing) {
            throw new StoreException("database is down (test)");
        }
    }

    @Override
    public synchronized void writeBatch(List<RequestRecord> records, Origin origin) {
        check();
        for (RequestRecord r : records) {
            String name = r.endpoint().name();
            requests.add(new StoredRequest(name, r.startEpochMicros(), r.durationNanos(), r.method(), r.status(),
                    r.user(), origin.version()));
            Instant start = Instant.EPOCH.plus(r.startEpochMicros(), ChronoUnit.MICROS);
            EndpointRow row = endpoints.computeIfAbsent(name,
                    n -> new EndpointRow(n, r.endpoint().handler(), r.endpoint().level(), start, origin.version()));
            row.methods.add(r.method());
            if (row.lastRequested == null || start.isAfter(row.lastRequested)) {
                row.lastRequested = start;
            }
        }
    }

    @Override
    public synchronized void saveEndpoint(String name, String handler, int level, Instant firstSeen, String version) {
        check();
        endpoints.computeIfAbsent(name, n -> new EndpointRow(n, handler, level, firstSeen, version));
    }

    @Override
    public synchronized void saveLevel(String name, int level) {
        check();
        EndpointRow row = endpoints.computeIfAbsent(name, n -> new EndpointRow(n, null, level, clock.instant(), null));
        row.level = level;
    }

    @Override
    public synchronized List<StoredEndpoint> loadEndpoints() {
        check();
        List<StoredEndpoint> list = new ArrayList<>();
        for (EndpointRow e : endpoints.values()) {
            list.add(new StoredEndpoint(e.name, e.handler, e.level, new TreeSet<>(e.methods), e.firstSeen,
                    e.firstVersion, e.lastRequested));
        }
        return list;
    }

    @Override
    public synchronized void saveVersion(VersionInfo version, Instant firstSeen) {
        check();
        versions.putIfAbsent(version.name(), firstSeen);
    }

    @Override
    public DashboardQueries queries() {
        return this;
    }

    /** Every stored endpoint, with zero counts and a NaN median when it has no requests yet. */
    @Override
    public synchronized List<OverviewRow> overview(ZoneId zone) {
        check();
        Instant now = clock.instant();
        long todayMicros = micros(LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant());
        long weekMicros = micros(now.minus(7, ChronoUnit.DAYS));
        List<OverviewRow> rows = new ArrayList<>();
        for (EndpointRow e : endpoints.values()) {
            long today = 0;
            long week = 0;
            long errors = 0;
            List<Long> durations = new ArrayList<>();
            for (StoredRequest r : requests) {
                if (!r.endpoint().equals(e.name)) {
                    continue;
                }
                durations.add(r.durationNanos());
                today += r.startMicros() >= todayMicros ? 1 : 0;
                week += r.startMicros() >= weekMicros ? 1 : 0;
                errors += r.status() >= 400 ? 1 : 0;
            }
            rows.add(new OverviewRow(e.name, today, week, durations.size(), medianMillis(durations), errors,
                    e.lastRequested));
        }
        return rows;
    }

    private static double medianMillis(List<Long> durationsNanos) {
        if (durationsNanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(durationsNanos);
        sorted.sort(null);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        return median / 1_000_000.0;
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    @Override
    public void close() {
        // nothing to release
    }
}
