package dev.monitordash.core.store;

import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.core.testing.TestDatabase;

class PostgresJdbcStoreTest extends JdbcStoreContract {

    @Override
    protected TestDatabase database() {
        return PostgresTestDatabase.shared();
    }

    @Override
    Dialect dialect() {
        return new PostgresDialect();
    }
}
