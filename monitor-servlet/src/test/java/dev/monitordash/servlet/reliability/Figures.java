package dev.monitordash.servlet.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The one line each reliability test prints ({@code RELIABILITY <name> key=value ...}), also appended to
 * {@code target/reliability-figures.txt} so that a run's figures can be copied into RELIABILITY.md.
 */
final class Figures {

    private Figures() {
    }

    static void print(String name, String figures) {
        String line = "RELIABILITY " + name + " " + figures;
        System.out.println(line);
        System.out.flush();
        try {
            Files.writeString(Path.of("target", "reliability-figures.txt"), line + System.lineSeparator(),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("(could not append to target/reliability-figures.txt: " + e + ")");
        }
    }

    /** How many rows each stored user (the request id) has: read with a connection outside the monitor. */
    static Map<String, Integer> storedIds(Path database) throws SQLException {
        Map<String, Integer> rows = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT user_name, COUNT(*) FROM request_detail GROUP BY user_name")) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getInt(2));
            }
        }
        return rows;
    }

    static long countWithPrefix(Path database, String prefix) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "SELECT COUNT(*) FROM request_detail WHERE user_name LIKE ?")) {
            ps.setString(1, prefix + "%");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    static long rows(Map<String, Integer> stored) {
        return stored.values().stream().mapToLong(Integer::longValue).sum();
    }

    static long duplicated(Map<String, Integer> stored) {
        return stored.values().stream().filter(n -> n > 1).count();
    }
}
