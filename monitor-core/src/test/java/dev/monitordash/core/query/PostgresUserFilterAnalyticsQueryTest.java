package dev.monitordash.core.query;

import dev.monitordash.core.testing.PostgresTestDatabase;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresUserFilterAnalyticsQueryTest extends UserFilterAnalyticsQueryContract {

    static PostgresTestDatabase postgres;

    @BeforeAll
    static void startServer() throws Exception {
        postgres = PostgresTestDatabase.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        postgres.close();
    }

    @Override
    protected TestDatabase database() {
        return postgres;
    }
}
