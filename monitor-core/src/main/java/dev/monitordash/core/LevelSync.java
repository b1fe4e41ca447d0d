package dev.monitordash.core;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.EndpointRegistry;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.store.MonitorStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps this instance's endpoint levels in step with the store, which instances of one application share:
 * a level changed on one instance's dashboard is stored there, and every other instance reloads the stored
 * levels every {@code monitordash.levels.refresh} (on the writer thread, between batches) and applies the
 * ones that differ.
 *
 * <p>A local change (store, then apply) and a refresh (read, then apply) hold one lock, so a refresh can
 * never apply a read taken before a local change after it: it either runs wholly before the change, or
 * reads the change's committed row.
 */
final class LevelSync {

    private static final Logger LOG = LoggerFactory.getLogger(LevelSync.class);
    private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final MonitorStore store;
    private final EndpointRegistry endpoints;
    private final Runnable onWatchedLevel;
    private final long periodNanos;
    private final LongSupplier nanoTime;
    private final Object lock = new Object();

    // Touched by the writer thread only (refreshIfDue), or by one refresh at a time under the lock.
    private long nextRefreshNanos;
    private long lastFailureLogNanos;
    private boolean failing;
    private volatile long failures;
    private volatile long failuresLogged;

    /**
     * @param period         how often {@link #refreshIfDue()} reloads; zero: never
     * @param onWatchedLevel run after a level ≥ 2 was applied (starts the outlier watchdog and sampling)
     */
    LevelSync(MonitorStore store, EndpointRegistry endpoints, Duration period, Runnable onWatchedLevel,
            LongSupplier nanoTime) {
        this.store = store;
        this.endpoints = endpoints;
        this.onWatchedLevel = onWatchedLevel;
        this.periodNanos = period.toNanos();
        this.nanoTime = nanoTime;
        this.nextRefreshNanos = nanoTime.getAsLong() + periodNanos;
    }

    /**
     * Stores the level, then applies it here.
     *
     * @throws dev.monitordash.core.store.StoreException if it could not be stored (it is then not applied)
     */
    void change(Endpoint endpoint, int level) {
        synchronized (lock) {
            store.saveLevel(endpoint.name(), level);
            endpoint.level(level);
        }
        if (level >= MonitoringLevel.OUTLIERS) {
            onWatchedLevel.run(); // in the background, before the endpoint's first watched request
        }
    }

    /** Reloads when a period has passed since the last reload; otherwise one clock read. */
    void refreshIfDue() {
        if (periodNanos == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - nextRefreshNanos < 0) {
            return;
        }
        nextRefreshNanos = now + periodNanos;
        refresh();
    }

    /**
     * Reads every stored level and applies those that differ from this instance's. Endpoints this instance
     * does not know yet are left alone: it learns them with the default level, and the next refresh gives
     * them the stored one. A store failure changes nothing and is logged at most once a minute.
     *
     * @return how many endpoints changed level
     */
    int refresh() {
        int changed = 0;
        boolean watched = false;
        synchronized (lock) {
            Map<String, Integer> stored;
            try {
                stored = store.loadLevels();
            } catch (RuntimeException e) {
                logFailure(e);
                return 0;
            }
            if (failing) {
                LOG.info("MonitorDash reads endpoint levels from its store again");
                failing = false;
            }
            for (Map.Entry<String, Integer> s : stored.entrySet()) {
                Endpoint e = endpoints.find(s.getKey());
                int level = s.getValue();
                if (e == null || e.kind() == Endpoint.Kind.INTERNAL || e.level() == level
                        || !MonitoringLevel.isValid(level)) {
                    continue;
                }
                LOG.info("MonitorDash endpoint {}: level {} -> {} (changed on another instance)", e.name(),
                        e.level(), level);
                e.level(level);
                changed++;
                watched |= level >= MonitoringLevel.OUTLIERS;
            }
        }
        if (watched) {
            onWatchedLevel.run();
        }
        return changed;
    }

    /** How many refreshes failed to read the store. */
    long failures() {
        return failures;
    }

    /** How many of those failures were logged: the rest were kept out of the log. */
    long failuresLogged() {
        return failuresLogged;
    }

    // A dead store fails every refresh, every few seconds: the log gets one line a minute.
    private void logFailure(RuntimeException e) {
        failures++;
        long now = nanoTime.getAsLong();
        if (failing && now - lastFailureLogNanos < FAILURE_LOG_INTERVAL_NANOS) {
            return;
        }
        failing = true;
        lastFailureLogNanos = now;
        failuresLogged++;
        LOG.warn("MonitorDash could not reload endpoint levels from its store; keeping the current ones: {}",
                e.getMessage() != null ? e.getMessage() : e.toString());
    }
}
