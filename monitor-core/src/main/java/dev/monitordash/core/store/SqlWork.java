package dev.monitordash.core.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work on one connection of the store, run by {@link MonitorStore#transaction} or {@link MonitorStore#read}:
 * how a concern with tables of its own (the alert rules, their states and notifications) reaches the
 * database without the store knowing that concern.
 */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
}
