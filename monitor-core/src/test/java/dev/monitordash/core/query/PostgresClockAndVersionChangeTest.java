package dev.monitordash.core.query;

import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.core.testing.TestDatabase;

class PostgresClockAndVersionChangeTest extends ClockAndVersionChangeContract {

    @Override
    protected TestDatabase database() {
        return PostgresTestDatabase.shared();
    }
}
