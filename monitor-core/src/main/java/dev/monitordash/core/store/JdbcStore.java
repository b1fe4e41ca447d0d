package dev.monitordash.core.store;

import dev.monitordash.core.config.MonitorConfig;

/** JDBC store for SQLite and PostgreSQL. TODO(store helper): implement. */
public final class JdbcStore {
    private JdbcStore() {
    }

    public static MonitorStore open(MonitorConfig config) {
        throw new UnsupportedOperationException("TODO");
    }
}
