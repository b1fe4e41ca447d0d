package dev.monitordash.core.store;

import com.zaxxer.hikari.HikariConfig;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * SQLite: one file, many readers, one writer. WAL lets the dashboard read while the writer writes;
 * {@code synchronous=NORMAL} in WAL mode syncs at checkpoints, not at every commit (a power cut may lose
 * the last commits, never corrupt the file: the right trade for monitoring data).
 */
final class SqliteDialect implements Dialect {

    /**
     * Writers wait this long for the write lock (the dashboard's level change vs the writer thread)
     * before failing; long enough for a batch commit, short enough that a stuck lock shows up as a
     * failed batch within seconds.
     */
    static final int BUSY_TIMEOUT_MILLIS = 5_000;

    /**
     * SQLite has one writer at a time however many connections there are; more than the writer plus a
     * few dashboard readers would only queue on the file lock.
     */
    static final int POOL_SIZE = 3;

    static final int WAL_AUTOCHECKPOINT_PAGES = 10_000;

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public void configure(HikariConfig pool) {
        pool.setDriverClassName("org.sqlite.JDBC");
        pool.setMaximumPoolSize(POOL_SIZE);
        pool.setMinimumIdle(1);
        // sqlite-jdbc applies connection properties named like pragmas to every new connection.
        pool.addDataSourceProperty("journal_mode", "WAL");
        pool.addDataSourceProperty("synchronous", "NORMAL");
        pool.addDataSourceProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MILLIS));
        // Checkpoint every ~40 MB of WAL instead of 4 MB: a page rewritten by several batches reaches the
        // database file once, and fewer checkpoints mean fewer fsyncs. Measured ~2x the write rate with
        // hundreds of endpoints per batch. The size limit gives the disk back after a burst.
        pool.setConnectionInitSql("PRAGMA wal_autocheckpoint=" + WAL_AUTOCHECKPOINT_PAGES);
        pool.addDataSourceProperty("journal_size_limit", String.valueOf(64L * 1024 * 1024));
    }

    @Override
    public String identityColumn() {
        // Exactly "INTEGER PRIMARY KEY" makes the column the rowid: no extra index, no sequence table.
        return "INTEGER PRIMARY KEY";
    }

    @Override
    public void lockForMigration(Connection connection) {
        // Nothing to do: SQLite lets one connection write at a time, so the migration's first DDL takes
        // the file's write lock; a migration that loses a race fails and is retried on next use.
    }

    @Override
    public String forUpdate() {
        // The transaction already holds SQLite's single write lock when it reads (it wrote first).
        return "";
    }

    @Override
    public int snapshotIsolation() {
        // SQLite's only isolation: a read transaction in WAL mode sees one snapshot.
        return Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public String blobType() {
        return "BLOB";
    }

    @Override
    public String withoutRowid() {
        return " WITHOUT ROWID";
    }

    @Override
    public String scriptName() {
        return "sqlite";
    }

    @Override
    public void reserveRequestIds(Connection connection, long maxLegacyId) throws SQLException {
        // A rowid table hands out MAX(rowid) + 1: the newest V1 row is moved first, so it holds the mark
        // (LegacyRequests moves it in the migration's own transaction).
    }
}
