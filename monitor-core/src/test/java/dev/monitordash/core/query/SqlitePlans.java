package dev.monitordash.core.query;

import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.TestDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** What SQLite's planner does with our queries: the tests that keep the dashboard on its covering indexes. */
final class SqlitePlans {

    private SqlitePlans() {
    }

    /**
     * A store at {@code url} with 2 000 requests of two endpoints and its statistics gathered (ANALYZE), so
     * that the planner chooses as it would over a large table. The caller closes the store.
     */
    static JdbcStore filledStore(TestDatabase db, String url) throws SQLException {
        JdbcStore store = JdbcStore.open(db.config(url).build());
        store.writeBatch(Records.many(2_000, List.of(Records.endpoint("/a"), Records.endpoint("/b")), 0, "u"),
                Records.ORIGIN);
        try (Connection c = db.connect(url); Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        return store;
    }

    /** The query's plan, one line per step ("SEARCH request USING COVERING INDEX …"). */
    static String plan(Connection c, String sql) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN QUERY PLAN " + sql)) {
            while (rs.next()) {
                out.append(rs.getString(4)).append('\n');
            }
        }
        return out.toString();
    }
}
