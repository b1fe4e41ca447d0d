package dev.monitordash.core.store;

import dev.monitordash.core.query.DashboardQueries;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.version.VersionInfo;

import java.time.Instant;
import java.util.List;

/**
 * Persistence of everything the monitor measures. One implementation over JDBC for SQLite and
 * PostgreSQL; dialect differences live in one place behind it. Every method may throw
 * {@link StoreException}; none is ever called on a request thread.
 */
public interface MonitorStore extends AutoCloseable {

    /**
     * Writes a batch of requests in one transaction, and updates each endpoint's last-requested time
     * and methods seen from the same batch. All or nothing.
     */
    void writeBatch(List<RequestRecord> records, Origin origin);

    /** Inserts the endpoint if new (first seen now, with this version); keeps an existing row as is. */
    void saveEndpoint(String name, String handler, int level, Instant firstSeen, String version);

    /** Persists a level change made in the dashboard. */
    void saveLevel(String name, int level);

    /** Every endpoint stored, so levels survive restarts and the rules table lists them. */
    List<StoredEndpoint> loadEndpoints();

    /**
     * Every stored endpoint's level by name: what a running monitor reloads periodically to pick up levels
     * changed by other instances sharing the store. Stores should answer it with one small read.
     */
    default java.util.Map<String, Integer> loadLevels() {
        java.util.Map<String, Integer> levels = new java.util.HashMap<>();
        for (StoredEndpoint e : loadEndpoints()) {
            levels.put(e.name(), e.level());
        }
        return levels;
    }

    /**
     * Number and summed duration of the stored requests of each endpoint: the outlier thresholds' means
     * survive restarts. A store that keeps no history returns an empty list.
     */
    default List<DurationTotal> loadDurationTotals() {
        return List.of();
    }

    /**
     * The latest {@code perEndpoint} durations (µs) of each endpoint, oldest first: the percentile
     * threshold rule survives restarts. A store that keeps no history returns an empty map.
     */
    default java.util.Map<String, long[]> loadRecentDurations(int perEndpoint) {
        return java.util.Map.of();
    }

    /** Stores the version if new, with its first-seen time (the seed prints it beside the box plot). */
    void saveVersion(VersionInfo version, Instant firstSeen);

    /**
     * Background work between the writer's batches (rollups that lag the writer, retention, converting an
     * older schema's rows): at most one bounded step, only when due. Returns true when it did work. Called
     * on the writer thread only; must not throw.
     */
    default boolean maintain() {
        return false;
    }

    /**
     * Does now, to the end, the background work {@link #maintain()} spreads over time (after a bulk load,
     * so that the first views need not add a large backlog of rows not rolled up yet).
     */
    default void catchUp() {
    }

    /**
     * Test runs of the application's test suite and the API tokens that post them (docs/testing.md). A
     * default so that test doubles stay small; the JDBC store keeps them.
     */
    default dev.monitordash.core.tests.TestStore tests() {
        throw new UnsupportedOperationException("this store keeps no test runs");
    }

    /**
     * Whether {@link #transaction} and {@link #read} reach a SQL database (the JDBC store): the alert rules
     * live there. Test doubles and stores without SQL answer false, and alerting is then off.
     */
    default boolean supportsSql() {
        return false;
    }

    /**
     * Runs the work in one transaction on a writing connection, all or nothing; failures become a
     * {@link StoreException}. Only where {@link #supportsSql()}.
     */
    default <T> T transaction(String what, SqlWork<T> work) {
        throw new UnsupportedOperationException("this store has no SQL database");
    }

    /**
     * Runs read-only work in one snapshot on a dashboard reader's connection (never holding up the writer),
     * bounded by the dashboard's query timeout; failures become a {@link StoreException}.
     */
    default <T> T read(String what, SqlWork<T> work) {
        throw new UnsupportedOperationException("this store has no SQL database");
    }

    /** Resource samples over time (docs/resources.md); a store without them keeps nothing. */
    default dev.monitordash.core.resource.ResourceStore resources() {
        return dev.monitordash.core.resource.ResourceStore.NONE;
    }

    /** Errors grouped by cause, written with the request batches; a store without them has none. */
    default dev.monitordash.core.error.ErrorGroups errors() {
        return dev.monitordash.core.error.ErrorGroups.NONE;
    }

    /** The read side: the queries behind the dashboard's pages. */
    DashboardQueries queries();

    @Override
    void close();
}
