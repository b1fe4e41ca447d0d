package dev.monitordash.core.query;

import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.core.testing.TestDatabase;

class PostgresOverviewQueryTest extends OverviewQueryContract {

    @Override
    protected TestDatabase database() {
        return PostgresTestDatabase.shared();
    }
}
