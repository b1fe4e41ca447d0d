package dev.monitordash.core.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The writer's statement cache behind a real HikariCP pool on a real SQLite file. */
class StatementCacheTest {

    @TempDir
    Path dir;

    HikariDataSource pool;
    final StatementCache cache = new StatementCache();

    @BeforeEach
    void openPool() throws SQLException {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:sqlite:" + dir.resolve("cache.db"));
        hc.setMaximumPoolSize(1);
        pool = new HikariDataSource(hc);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x INTEGER)");
        }
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    @Test
    void aStatementOutlivesItsConnectionsReturnToThePoolAndIsPreparedOnce() throws SQLException {
        PreparedStatement first;
        try (Connection c = pool.getConnection()) {
            first = cache.prepare(c, "SELECT COUNT(*) FROM t");
            assertEquals(0, count(first));
        }
        try (Connection c = pool.getConnection()) {
            insert(c, 3);
            PreparedStatement again = cache.prepare(c, "SELECT COUNT(*) FROM t");
            assertSame(first, again);
            assertFalse(again.isClosed(), "the pool closes only statements it handed out itself");
            assertEquals(3, count(again));
        }
    }

    @Test
    void statementsOfAnEvictedConnectionAreForgottenAndPreparedAnewOnTheNext() throws SQLException {
        PreparedStatement before;
        try (Connection c = pool.getConnection()) {
            before = cache.prepare(c, "SELECT COUNT(*) FROM t");
            pool.evictConnection(c); // what JdbcStore does after any failure
        }
        for (int i = 0; i < 10; i++) {
            try (Connection c = pool.getConnection()) {
                PreparedStatement after = cache.prepare(c, "SELECT COUNT(*) FROM t");
                assertNotSame(before, after);
                assertEquals(0, count(after));
                pool.evictConnection(c);
            }
        }
        assertTrue(cache.connections() <= JdbcStore.WRITER_CONNECTIONS + 1,
                "closed connections are not kept: " + cache.connections());
    }

    @Test
    void aBatchLeftBehindByAFailedTransactionIsNotWrittenByTheNext() throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            PreparedStatement ps = cache.prepare(c, "INSERT INTO t (x) VALUES (?)");
            ps.setLong(1, 1);
            ps.addBatch(); // the transaction fails before executeBatch
            c.rollback();
            c.setAutoCommit(true);
        }
        try (Connection c = pool.getConnection()) {
            PreparedStatement ps = cache.prepare(c, "INSERT INTO t (x) VALUES (?)");
            ps.setLong(1, 2);
            ps.addBatch();
            assertEquals(1, ps.executeBatch().length);
            assertEquals(1, count(cache.prepare(c, "SELECT COUNT(*) FROM t")));
        }
    }

    private static long count(PreparedStatement select) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void insert(Connection c, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (int i = 0; i < rows; i++) {
                s.execute("INSERT INTO t (x) VALUES (" + i + ")");
            }
        }
    }
}
