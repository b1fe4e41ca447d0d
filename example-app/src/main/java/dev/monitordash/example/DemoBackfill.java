package dev.monitordash.example;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.version.VersionInfo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --demo-history}: writes {@link DemoHistory} into the running monitor's store through the same
 * calls the monitor itself makes (versions with their first-seen time, batches of request records with
 * their version), before the app serves its first request. Only the request rows are made up: outliers
 * with their stack traces come from live traffic, for which the hanging endpoint is put at level 2.
 */
final class DemoBackfill {

    /** The endpoint that sometimes hangs for seconds: at level 2 its live hangs are captured as outliers. */
    static final String OUTLIER_ENDPOINT = "/api/feeds/refresh";
    /** Records per transaction: larger than the live writer's batches, as nobody waits for these. */
    private static final int BATCH = 5_000;

    /**
     * What was done.
     *
     * @param requests how many requests were written; 0 when the store already had requests
     * @param versions the versions written, oldest first; empty when skipped
     */
    record Result(long requests, List<DemoHistory.Version> versions, Duration took) {
        boolean skipped() {
            return versions.isEmpty();
        }
    }

    private DemoBackfill() {
    }

    /**
     * Backfills {@code days} of history for {@code users} users, unless the store already holds requests
     * (a second run must not double the history; delete the database to start over).
     *
     * @throws dev.monitordash.core.store.StoreException when the store cannot be read or written
     * @throws IllegalArgumentException when the running version has the name of a past demo version
     */
    static Result run(Monitor monitor, int days, int users) {
        long began = System.nanoTime();
        MonitorStore store = monitor.store();
        if (!store.loadDurationTotals().isEmpty()) {
            putOutlierEndpointAtLevel2(monitor);
            return new Result(0, List.of(), Duration.ofNanos(System.nanoTime() - began));
        }
        DemoHistory history = new DemoHistory(days, users, monitor.version().name(), monitor.config().timezone(),
                Instant.now(), monitor.endpoints()::lookup);
        for (DemoHistory.Version v : history.versions()) {
            // The running version is already stored (first seen now); the store keeps the earlier time.
            VersionInfo info = v.name().equals(monitor.version().name()) ? monitor.version()
                    : new VersionInfo(v.name(), null, List.of(), null, VersionInfo.Source.CONFIGURED);
            store.saveVersion(info, v.firstSeen());
        }
        Batches batches = new Batches(store, monitor.config().serviceName(), monitor.config().instanceName());
        long written = history.generate(batches::add);
        batches.flush();
        DemoTestRuns.write(store, history.versions(), Instant.now(), monitor.config().timezone(),
                monitor.endpoints()::lookup);
        store.catchUp(); // the per-user rollups of the whole history now, not over the first minutes
        putOutlierEndpointAtLevel2(monitor);
        return new Result(written, history.versions(), Duration.ofNanos(System.nanoTime() - began));
    }

    // Stored like an admin's change in the rules table, so it also holds after a restart. Never lowers
    // a level 3 configured as the default.
    private static void putOutlierEndpointAtLevel2(Monitor monitor) {
        if (monitor.endpoints().lookup(OUTLIER_ENDPOINT).level() < MonitoringLevel.OUTLIERS) {
            monitor.changeLevel(OUTLIER_ENDPOINT, MonitoringLevel.OUTLIERS);
        }
    }

    /** Collects records of one version into batches; a new version or a full batch writes what it has. */
    private static final class Batches {
        private final MonitorStore store;
        private final String service;
        private final String instance;
        private final List<RequestRecord> batch = new ArrayList<>(BATCH);
        private String version;

        Batches(MonitorStore store, String service, String instance) {
            this.store = store;
            this.service = service;
            this.instance = instance;
        }

        void add(String recordVersion, RequestRecord record) {
            if (!recordVersion.equals(version) || batch.size() == BATCH) {
                flush();
                version = recordVersion;
            }
            batch.add(record);
        }

        void flush() {
            if (!batch.isEmpty()) {
                store.writeBatch(batch, new Origin(version, service, instance));
                batch.clear();
            }
        }
    }
}
