package dev.monitordash.core.query;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where JDBC queries get their connection: one on a migrated store, with auto-commit off and an
 * isolation level under which every statement of the transaction sees the same snapshot, so the
 * numbers of one page agree with each other while the writer keeps writing. The caller closes it.
 */
@FunctionalInterface
public interface SnapshotConnections {

    /**
     * A snapshot for one dashboard call; the store may cancel its statements once the call has read for
     * longer than {@code monitordash.dashboard.query-timeout}.
     *
     * @throws dev.monitordash.core.store.StoreException if the store is unusable (e.g. schema too new)
     */
    Connection openSnapshot() throws SQLException;

    /** A snapshot for an export, which streams for as long as its client reads: no time limit. */
    default Connection openExportSnapshot() throws SQLException {
        return openSnapshot();
    }
}
