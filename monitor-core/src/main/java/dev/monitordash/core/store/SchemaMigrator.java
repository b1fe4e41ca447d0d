package dev.monitordash.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Brings a database to the schema this code expects. Applied migrations are listed in
 * {@code schema_version}; pending ones run in order, all in one transaction together with their
 * {@code schema_version} rows, so a database is never left half-migrated. A database whose schema is
 * newer than this code (an older MonitorDash started against it) is refused rather than written.
 */
final class SchemaMigrator {

    /** A numbered migration script on the classpath, next to this class. */
    record Migration(int version, String description, String resource) {
    }

    /** In order; never edit a released script: add the next number instead. */
    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "endpoints, versions and requests", "V1__endpoints_versions_requests.sql"),
            new Migration(2, "outliers", "V2__outliers.sql"),
            new Migration(3, "profiles", "V3__profiles.sql"),
            new Migration(4, "compact requests and rollups", "V4__compact_requests_rollups.sql"),
            new Migration(5, "request kinds and start times in milliseconds", "V5__request_kinds_millis.sql"),
            new Migration(6, "alert rules, states, silences, receivers and notifications", "V6__alerts.sql"),
            new Migration(7, "resources over time and errors grouped by cause", "V7__resources_errors.sql"),
            new Migration(8, "test runs, test hits and API tokens", "V8__tests.sql"));

    static final int LATEST = MIGRATIONS.get(MIGRATIONS.size() - 1).version();

    /** Java work a migration needs after its script, in the same transaction (moving data, say). */
    @FunctionalInterface
    interface AfterStep {
        void run(Connection c) throws SQLException;
    }

    private final Dialect dialect;
    private final Map<Integer, AfterStep> afterSteps;

    SchemaMigrator(Dialect dialect) {
        this(dialect, Map.of());
    }

    /** @param afterSteps by migration version: run after that migration's script */
    SchemaMigrator(Dialect dialect, Map<Integer, AfterStep> afterSteps) {
        this.dialect = dialect;
        this.afterSteps = afterSteps;
    }

    /**
     * Migrates the database on this connection to {@link #LATEST}.
     *
     * @return the schema version found before migrating (0 for an empty database)
     * @throws StoreException if the database's schema is newer than this code
     */
    int migrate(Connection c, long nowMicros) throws SQLException {
        return migrate(c, nowMicros, LATEST);
    }

    /** Migrates up to {@code target} only: how tests build a database as an older MonitorDash left it. */
    int migrate(Connection c, long nowMicros, int target) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            dialect.lockForMigration(c);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                        + "description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            }
            int found = currentVersion(c);
            if (found > LATEST) {
                throw new StoreException("The MonitorDash database has schema version " + found
                        + ", newer than this MonitorDash supports (" + LATEST + "): it was written by a newer "
                        + "MonitorDash. Upgrade MonitorDash, or point monitordash.database to another database.");
            }
            for (Migration m : MIGRATIONS) {
                if (m.version() > found && m.version() <= target) {
                    apply(c, m, nowMicros);
                }
            }
            c.commit();
            return found;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(c, e);
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private void apply(Connection c, Migration m, long nowMicros) throws SQLException {
        // A dialect may need statements of its own first: V4__x.sql is preceded by V4__x.before.sqlite.sql.
        String before = m.resource().replace(".sql", ".before." + dialect.scriptName() + ".sql");
        try (Statement s = c.createStatement()) {
            if (SchemaMigrator.class.getResource("migration/" + before) != null) {
                for (String sql : statements(expand(script(before)))) {
                    s.execute(sql);
                }
            }
            for (String sql : statements(expand(script(m.resource())))) {
                s.execute(sql);
            }
        }
        AfterStep after = afterSteps.get(m.version());
        if (after != null) {
            after.run(c);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            ps.setInt(1, m.version());
            ps.setString(2, m.description());
            ps.setLong(3, nowMicros);
            ps.executeUpdate();
        }
    }

    private String expand(String script) {
        return script.replace("${id}", dialect.identityColumn()).replace("${blob}", dialect.blobType())
                .replace("${without_rowid}", dialect.withoutRowid());
    }

    /** Splits a script at semicolons that end a line, after dropping comment lines and trailing comments. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            int comment = line.indexOf("--");
            String code = (comment >= 0 ? line.substring(0, comment) : line).strip();
            if (code.isEmpty()) {
                continue;
            }
            if (code.endsWith(";")) {
                current.append(code, 0, code.length() - 1);
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(code).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without a semicolon: " + current);
        }
        return out;
    }

    private static String script(String resource) {
        try (InputStream in = SchemaMigrator.class.getResourceAsStream("migration/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
