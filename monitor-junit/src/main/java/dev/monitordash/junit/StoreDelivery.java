package dev.monitordash.junit;

import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.tests.SavedRun;
import dev.monitordash.core.tests.TestRun;

import java.time.Clock;
import java.util.List;

/**
 * Straight into the monitor's store (a SQLite file or PostgreSQL), through the same store code the monitor
 * writes with: migrated if new, one transaction per part. For builds that reach the database, e.g. a SQLite
 * file the example app's tests share with the app, or CI with a PostgreSQL the dashboards read.
 */
final class StoreDelivery implements Delivery {

    private final ReportSettings settings;

    StoreDelivery(ReportSettings settings) {
        this.settings = settings;
    }

    @Override
    public String target() {
        int q = settings.database.indexOf('?');
        return q < 0 ? settings.database : settings.database.substring(0, q);
    }

    @Override
    public Outcome deliver(List<TestRun> parts) {
        MonitorConfig.Builder config = MonitorConfig.builder().databaseUrl(settings.database);
        if (settings.databaseUser != null) {
            config.databaseUser(settings.databaseUser);
        }
        if (settings.databasePassword != null) {
            config.databasePassword(settings.databasePassword);
        }
        int sent = 0;
        int stored = 0;
        // Without connecting first: a database that cannot be reached fails the first save, once, with why.
        try (JdbcStore store = JdbcStore.openWithoutConnecting(config.build(), Clock.systemUTC())) {
            store.refusal().ifPresent(reason -> {
                throw new IllegalStateException(reason);
            });
            for (TestRun part : parts) {
                SavedRun saved = store.tests().save(part);
                sent += saved.received();
                stored += saved.stored();
            }
        }
        return new Outcome(sent, stored);
    }
}
