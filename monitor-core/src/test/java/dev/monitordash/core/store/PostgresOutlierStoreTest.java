package dev.monitordash.core.store;

import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.core.testing.TestDatabase;

class PostgresOutlierStoreTest extends OutlierStoreContract {

    @Override
    protected TestDatabase database() {
        return PostgresTestDatabase.shared();
    }

    @Override
    Dialect dialect() {
        return new PostgresDialect();
    }
}
