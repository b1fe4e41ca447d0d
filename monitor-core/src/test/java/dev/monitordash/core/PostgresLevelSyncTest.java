package dev.monitordash.core;

import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.core.testing.TestDatabase;

class PostgresLevelSyncTest extends LevelSyncContract {

    @Override
    protected TestDatabase database() {
        return PostgresTestDatabase.shared();
    }
}
