package dev.monitordash.core.store;

import com.zaxxer.hikari.HikariConfig;

import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.SQLException;
import java.time.Duration;

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
    static final String DRIVER = "org.sqlite.JDBC";
    static final int BUSY_TIMEOUT_MILLIS = 5_000;

    /**
     * Dashboard readers at once. In WAL mode readers never block the writer, but each is a CPU-bound
     * scan on a small machine; more would only make every page slower.
     */
    static final int READERS = 3;

    /** Virtual-machine instructions between two looks at a query's deadline: microseconds apart. */
    private static final int INSTRUCTIONS_PER_DEADLINE_CHECK = 10_000;

    static final int WAL_AUTOCHECKPOINT_PAGES = 10_000;

    @Override
    public String name() {
        return "SQLite";
    }

    @Override
    public void configure(HikariConfig pool) {
        pool.setDriverClassName(DRIVER);
        // sqlite-jdbc applies connection properties named like pragmas to every new connection.
        pool.addDataSourceProperty("journal_mode", "WAL");
        pool.addDataSourceProperty("synchronous", "NORMAL");
        pool.addDataSourceProperty("busy_timeout", String.valueOf(BUSY_TIMEOUT_MILLIS));
        // Checkpoint every ~40 MB of WAL instead of 4 MB: a page rewritten by several batches reaches the
        // database file once, and fewer checkpoints mean fewer fsyncs. Measured ~2x the write rate with
        // hundreds of endpoints per batch. The size limit gives the disk back after a burst.
        pool.setConnectionInitSql("PRAGMA wal_autocheckpoint=" + WAL_AUTOCHECKPOINT_PAGES);
        // Otherwise sqlite-jdbc prepares and runs "SELECT last_insert_rowid()" after every INSERT it
        // executes (the rollups' and dictionaries' included): a fifth of the writer's native time in a
        // profile. The few inserts whose id is needed ask for it themselves (generatedId).
        pool.addDataSourceProperty("jdbc.get_generated_keys", "false");
        pool.addDataSourceProperty("journal_size_limit", String.valueOf(64L * 1024 * 1024));
    }

    @Override
    public int readerConnections() {
        return READERS;
    }

    /**
     * SQLite has no statement timeout; its progress handler, called every few thousand instructions of
     * the connection's statements, interrupts them once the deadline has passed (SQLITE_INTERRUPT).
     */
    @Override
    public void limitQueryTime(Connection connection, Duration limit) throws SQLException {
        Connection sqlite = connection.unwrap(SQLiteConnection.class);
        if (limit == null) {
            ProgressHandler.clearHandler(sqlite);
            return;
        }
        long deadline = System.nanoTime() + limit.toNanos();
        ProgressHandler.setHandler(sqlite, INSTRUCTIONS_PER_DEADLINE_CHECK, new ProgressHandler() {
            @Override
            protected int progress() {
                return System.nanoTime() - deadline > 0 ? 1 : 0;
            }
        });
    }

    /** The connection's last inserted rowid: the statement's own row, since nothing ran in between. */
    @Override
    public long generatedId(PreparedStatement insert) throws SQLException {
        try (Statement s = insert.getConnection().createStatement();
             ResultSet rs = s.executeQuery("SELECT last_insert_rowid()")) {
            rs.next();
            return rs.getLong(1);
        }
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
        // A rowid table hands out MAX(rowid) + 1: the V4 rows keep their ids, and the newest V1 row is moved
        // first, so the table holds the mark (V4Requests and LegacyRequests, in the migration's transaction).
    }
}
