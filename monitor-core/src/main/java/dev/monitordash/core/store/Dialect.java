package dev.monitordash.core.store;

import com.zaxxer.hikari.HikariConfig;
import dev.monitordash.core.config.ConfigException;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Everything that differs between SQLite and PostgreSQL, in one place. The rest of the store speaks one
 * SQL: both support {@code INSERT ... ON CONFLICT (...) DO NOTHING / DO UPDATE SET x = excluded.x}
 * (SQLite since 3.24), {@code ||}, partial indexes and {@code LIMIT ... OFFSET}, so upserts need no
 * dialect hook. What remains is connection setup, id columns, locking and isolation.
 */
sealed interface Dialect permits SqliteDialect, PostgresDialect {

    /** The configuration key whose value selects the dialect; named in every error about it. */
    String DATABASE_KEY = dev.monitordash.core.config.ConfigKey.DATABASE.property();

    /** The dialect of a JDBC URL; anything else is a configuration error naming the key. */
    static Dialect forUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigException(DATABASE_KEY, "expects a JDBC URL (jdbc:sqlite:FILE or "
                    + "jdbc:postgresql://HOST/DB), was empty");
        }
        if (url.startsWith("jdbc:sqlite:")) {
            if (url.contains(":memory:") || url.contains("mode=memory")) {
                // Every pooled connection would get its own empty database, and a replaced connection
                // would lose everything: only a file works.
                throw new ConfigException(DATABASE_KEY, "an in-memory SQLite database cannot be shared by the "
                        + "store's connections; use a file, e.g. jdbc:sqlite:monitordash.db");
            }
            return new SqliteDialect();
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        throw new ConfigException(DATABASE_KEY, "expects a JDBC URL starting with jdbc:sqlite: or "
                + "jdbc:postgresql:, was '" + scheme(url) + "...'");
    }

    /** Only the scheme, so that a password in the URL's parameters never reaches a log line. */
    private static String scheme(String url) {
        int first = url.indexOf(':');
        int second = first < 0 ? -1 : url.indexOf(':', first + 1);
        return second < 0 ? url.substring(0, Math.min(url.length(), 12)) : url.substring(0, second + 1);
    }

    /** Human name for log lines. */
    String name();

    /** Driver and per-connection settings (pragmas, driver properties) of both pools. */
    void configure(HikariConfig pool);

    /** How many dashboard readers may read at once; more wait for a free connection. */
    int readerConnections();

    /**
     * Makes the database cancel the statements of this snapshot (autocommit off) that run past the limit,
     * counted from now, with an SQLException; null lifts the limit.
     */
    void limitQueryTime(Connection connection, Duration limit) throws SQLException;

    /**
     * The id the database generated for the row the statement (prepared with the column name "id")
     * has just inserted.
     */
    long generatedId(PreparedStatement insert) throws SQLException;

    /** Column definition of a generated primary key, replacing {@code ${id}} in migration scripts. */
    String identityColumn();

    /**
     * Serialises concurrent migrations of one database (several instances starting at once) for the
     * rest of the current transaction.
     */
    void lockForMigration(Connection connection) throws SQLException;

    /** Appended to a SELECT that reads rows the same transaction is about to update. */
    String forUpdate();

    /** Isolation level under which one read transaction sees one consistent snapshot. */
    int snapshotIsolation();

    /** Column type of byte strings (sketches, samples), replacing {@code ${blob}} in migration scripts. */
    String blobType();

    /**
     * Appended to a CREATE TABLE of rollup rows, replacing {@code ${without_rowid}}: SQLite then stores the
     * rows in primary-key order with no second copy of the key; PostgreSQL has no such option.
     */
    String withoutRowid();

    /** Lower-case name used in dialect-specific migration scripts ({@code V4__x.before.sqlite.sql}). */
    String scriptName();

    /**
     * Makes the next generated request id larger than {@code maxLegacyId}: the V1 rows keep their ids when
     * they are moved into the new request table, so new rows must not take them.
     */
    void reserveRequestIds(Connection connection, long maxLegacyId) throws SQLException;
}
