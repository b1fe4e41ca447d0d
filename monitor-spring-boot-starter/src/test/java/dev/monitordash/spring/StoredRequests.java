package dev.monitordash.spring;

import dev.monitordash.core.Monitor;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/** What the monitor wrote to its SQLite file, read back with JDBC connections of the test's own. */
final class StoredRequests {

    static final Duration DEADLINE = Duration.ofSeconds(60);

    private final String url;

    StoredRequests(String url) {
        this.url = url;
    }

    /** Waits until the monitor's writer has written at least {@code count} records. */
    static void awaitWritten(Monitor monitor, long count) {
        awaitTrue("at least " + count + " records written, have " + monitor.stats(),
                () -> monitor.stats().written() >= count);
    }

    static void awaitTrue(String what, BooleanSupplier condition) {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** Rows as "endpoint status user" strings, of requests whose endpoint name matches a LIKE pattern. */
    List<String> requests(String endpointLike) {
        String sql = "SELECT e.name, r.status, r.user_name FROM request_detail r JOIN endpoint e"
                + " ON e.id = r.endpoint_id WHERE e.name LIKE ? ORDER BY r.id";
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, endpointLike);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return rows;
    }

    /** Rows as "endpoint status user" of requests answered with this status. */
    List<String> requestsWithStatus(int status) {
        String sql = "SELECT e.name, r.status, r.user_name FROM request_detail r JOIN endpoint e"
                + " ON e.id = r.endpoint_id WHERE r.status = ? ORDER BY r.id";
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, status);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getInt(2) + " " + rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return rows;
    }
}
