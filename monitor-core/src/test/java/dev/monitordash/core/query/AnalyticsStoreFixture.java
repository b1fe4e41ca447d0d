package dev.monitordash.core.query;

import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A fresh store per test on the subclass's database, its clock fixed at {@link #NOW}, closed after the test. */
abstract class AnalyticsStoreFixture {

    static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    static final Instant NOW = Instant.parse("2025-11-10T12:30:00Z");
    static final TimeRange ALL = new TimeRange(Instant.parse("2025-01-01T00:00:00Z"), NOW);

    protected abstract TestDatabase database();

    JdbcStore store;
    String url;

    AnalyticsQueries open() {
        url = database().freshUrl();
        store = JdbcStore.open(database().config(url).build(), Clock.fixed(NOW, ZoneOffset.UTC));
        return store.queries().analytics();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }
}
