package dev.monitordash.core.query;

import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.core.testing.TestDatabase;

class PostgresGarbledRollupTest extends GarbledRollupContract {

    @Override
    protected TestDatabase database() {
        return PostgresTestDatabase.shared();
    }

    @Override
    String garbage() {
        return "'\\x00010203'::bytea";
    }
}
