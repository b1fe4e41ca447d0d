package dev.monitordash.core.testing;

import dev.monitordash.core.config.MonitorConfig;

import java.sql.Connection;
import java.sql.SQLException;

/** A real database server or file the store tests run against; each {@link #freshUrl()} is empty. */
public interface TestDatabase {

    /** JDBC URL of a new, empty database. */
    String freshUrl();

    /** Store configuration for the URL (user and password where the dialect needs them). */
    MonitorConfig.Builder config(String url);

    /** A plain JDBC connection, outside the store's pool, to check what the store really wrote. */
    Connection connect(String url) throws SQLException;

    /** A database that is unreachable now and can be brought up later. */
    Outage unreachable() throws Exception;

    /** A database that is down until {@link #bringUp()}; closing releases whatever it started. */
    interface Outage extends AutoCloseable {
        String url();

        void bringUp() throws Exception;
    }
}
