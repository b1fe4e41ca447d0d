package dev.monitordash.core.store;

import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.core.testing.TestDatabase;

class PostgresResourceErrorStoreTest extends ResourceErrorStoreContract {

    @Override
    protected TestDatabase database() {
        return PostgresTestDatabase.shared();
    }
}
