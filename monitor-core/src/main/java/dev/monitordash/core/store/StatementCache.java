package dev.monitordash.core.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The writer's prepared statements, kept from one batch to the next on the physical connection they were
 * prepared on. sqlite-jdbc has no statement cache, and HikariCP closes a borrowed connection's statements
 * when it is returned: preparing a batch's dozen statements again for every transaction was half of the
 * writer thread's native time at moderate rates (JFR, BENCHMARKS.md). On PostgreSQL a statement used five
 * times becomes a server-side prepared statement, which a new statement object per batch never reached.
 *
 * <p>Callers do not close what {@link #prepare} returns. A statement dies with its connection: when HikariCP
 * retires or evicts a connection (after any failure, see {@code JdbcStore.transaction}) its statements are
 * forgotten on next use. Each physical connection is used by one thread at a time (the pool guarantees
 * it), so its statements are too.
 */
final class StatementCache {

    /** More physical connections than the writer pool holds means some were retired: time to forget them. */
    private static final int PURGE_ABOVE = JdbcStore.WRITER_CONNECTIONS + 1;

    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new IdentityHashMap<>();

    /**
     * The statement for {@code sql} on the physical connection behind {@code c}, parameters and batch
     * cleared.
     */
    PreparedStatement prepare(Connection c, String sql) throws SQLException {
        Connection physical = c.unwrap(Connection.class); // HikariCP's proxy would close it on return
        Map<String, PreparedStatement> statements = statementsOf(physical);
        PreparedStatement ps = statements.get(sql);
        if (ps == null || ps.isClosed()) {
            ps = physical.prepareStatement(sql);
            statements.put(sql, ps);
        } else {
            ps.clearBatch(); // a batch of a failed transaction must not reach the next one
        }
        return ps;
    }

    private synchronized Map<String, PreparedStatement> statementsOf(Connection physical) throws SQLException {
        Map<String, PreparedStatement> statements = byConnection.get(physical);
        if (statements == null) {
            if (byConnection.size() >= PURGE_ABOVE) {
                forgetClosedConnections();
            }
            statements = new HashMap<>();
            byConnection.put(physical, statements);
        }
        return statements;
    }

    private void forgetClosedConnections() throws SQLException {
        for (Iterator<Connection> it = byConnection.keySet().iterator(); it.hasNext(); ) {
            if (it.next().isClosed()) {
                it.remove();
            }
        }
    }

    /** How many physical connections have statements here (tests). */
    synchronized int connections() {
        return byConnection.size();
    }
}
