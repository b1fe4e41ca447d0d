package dev.monitordash.core.query;

import dev.monitordash.core.rollup.SkippedValues;
import dev.monitordash.core.store.StoreException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Runs one view's reads in one snapshot transaction (the numbers of one chart agree with each other
 * while the writer keeps writing) and turns SQL failures into {@link StoreException}, so that no SQL
 * error ever reaches a client. Each read also counts the stored values it had to skip as unreadable
 * ({@link SkippedValues}, opened and closed here around the read only) and hands the count to the caller's
 * {@link PartialReads}, so a view can say it is partial without any view's result type knowing.
 */
final class Reads {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final SnapshotConnections connections;

    Reads(SnapshotConnections connections) {
        this.connections = connections;
    }

    <T> T read(String what, Work<T> work) {
        return read(what, work, false);
    }

    /** As {@link #read}, without the dashboard's time limit: an export streams as long as its client reads. */
    <T> T readExport(String what, Work<T> work) {
        return read(what, work, true);
    }

    private <T> T read(String what, Work<T> work, boolean export) {
        try (SkippedValues skipped = SkippedValues.open()) {
            try {
                return readSnapshot(what, work, export);
            } finally {
                PartialReads.add(skipped.count());
            }
        }
    }

    private <T> T readSnapshot(String what, Work<T> work, boolean export) {
        try (Connection c = export ? connections.openExportSnapshot() : connections.openSnapshot()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("MonitorDash could not read " + what + ": " + e.getMessage(), e);
        }
    }

    /** The id of a stored endpoint; an unknown name is the caller's mistake, not the store's. */
    static long endpointId(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM endpoint WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownEndpointException(name);
                }
                return rs.getLong(1);
            }
        }
    }

    /** Binds the parameters in order; Long, Integer and String are all the query layer uses. */
    static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p instanceof Long l) {
                ps.setLong(i + 1, l);
            } else if (p instanceof Integer n) {
                ps.setInt(i + 1, n);
            } else if (p == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR);
            } else {
                ps.setString(i + 1, (String) p);
            }
        }
    }
}
