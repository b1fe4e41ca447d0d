package dev.monitordash.servlet.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the store really wrote, read with plain JDBC connections of its own (outside the store's pool),
 * so that the container tests check rows in the database file or server, not the monitor's counters.
 */
public final class StoredRows {

    /** Requests joined with their endpoint, for queries by endpoint name. */
    public static final String REQUESTS = "request_detail r JOIN endpoint e ON e.id = r.endpoint_id";

    private interface Connector {
        Connection open() throws SQLException;
    }

    private final Connector connector;

    private StoredRows(Connector connector) {
        this.connector = connector;
    }

    public static StoredRows sqlite(String url) {
        return new StoredRows(() -> DriverManager.getConnection(url));
    }

    public static StoredRows postgres(String url, String user) {
        return new StoredRows(() -> DriverManager.getConnection(url, user, ""));
    }

    /** The first column of the first row of a query, as a number (a count). */
    public long number(String sql, Object... params) {
        try (Connection c = connector.open(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no row for " + sql);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of the first row as text. */
    public String text(String sql) {
        try (Connection c = connector.open(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new AssertionError("no row for " + sql);
            }
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /**
     * Runs a query whose last column is a count and whose other columns make its key: the key is those
     * columns' values joined with single spaces ("null" for SQL NULL).
     */
    public Map<String, Long> countsBy(String sql) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = connector.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder key = new StringBuilder();
                for (int i = 1; i < columns; i++) {
                    key.append(i > 1 ? " " : "").append(rs.getString(i));
                }
                counts.put(key.toString(), rs.getLong(columns));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return counts;
    }

    public void execute(String... statements) {
        try (Connection c = connector.open(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements), e);
        }
    }

    public long requests() {
        return number("SELECT COUNT(*) FROM request_detail");
    }

    public long requestsOf(String endpoint) {
        return number("SELECT COUNT(*) FROM " + REQUESTS + " WHERE e.name = ?", endpoint);
    }

    public long requestsByUser(String user) {
        return number("SELECT COUNT(*) FROM request_detail WHERE user_name = ?", user);
    }
}
