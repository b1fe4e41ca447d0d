package dev.monitordash.core.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Small raw-JDBC helpers for checking what the store wrote. */
public final class Sql {

    private Sql() {
    }

    public static long longValue(TestDatabase db, String url, String sql, Object... params) throws SQLException {
        try (Connection c = db.connect(url); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no row for " + sql);
                }
                return rs.getLong(1);
            }
        }
    }

    /** The first column of every row, in the query's order. */
    public static java.util.List<Long> longs(TestDatabase db, String url, String sql) throws SQLException {
        java.util.List<Long> out = new java.util.ArrayList<>();
        try (Connection c = db.connect(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    public static void execute(TestDatabase db, String url, String sql) throws SQLException {
        try (Connection c = db.connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
