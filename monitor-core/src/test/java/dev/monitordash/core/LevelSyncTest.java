package dev.monitordash.core;

import dev.monitordash.core.endpoint.EndpointRegistry;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.store.StoreException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The refresh's timing, what it applies and what it leaves alone, and its rate-limited failure log. */
class LevelSyncTest {

    static final long MS = 1_000_000L;

    final MonitorStore store = mock(MonitorStore.class);
    final EndpointRegistry endpoints = new EndpointRegistry(100, MonitoringLevel.PERFORMANCE);
    final AtomicLong now = new AtomicLong(1_000 * MS);
    final AtomicInteger watchedStarts = new AtomicInteger();

    LevelSync sync(Duration period) {
        return new LevelSync(store, endpoints, period, watchedStarts::incrementAndGet, now::get);
    }

    @Test
    void refreshIfDueReadsTheStoreOncePerPeriod() {
        when(store.loadLevels()).thenReturn(Map.of());
        LevelSync sync = sync(Duration.ofMillis(200));
        sync.refreshIfDue();
        now.addAndGet(199 * MS);
        sync.refreshIfDue();
        verify(store, never()).loadLevels();

        now.addAndGet(MS);
        sync.refreshIfDue();
        sync.refreshIfDue();
        verify(store, times(1)).loadLevels();

        now.addAndGet(200 * MS);
        sync.refreshIfDue();
        verify(store, times(2)).loadLevels();
    }

    @Test
    void aZeroPeriodNeverReadsTheStore() {
        LevelSync sync = sync(Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            now.addAndGet(TimeUnit.HOURS.toNanos(1));
            sync.refreshIfDue();
        }
        verify(store, never()).loadLevels();
    }

    @Test
    void appliesOnlyDifferingValidLevelsOfKnownEndpoints() {
        endpoints.declare("/same", null);
        endpoints.declare("/changed", null);
        endpoints.declare("/corrupt", null);
        endpoints.declareInternal("/dashboard");
        when(store.loadLevels()).thenReturn(Map.of("/same", 1, "/changed", 0, "/corrupt", 7,
                "/dashboard", 3, "/unknown-here", 3));

        assertEquals(1, sync(Duration.ofSeconds(10)).refresh());
        assertEquals(1, endpoints.find("/same").level());
        assertEquals(0, endpoints.find("/changed").level());
        assertEquals(1, endpoints.find("/corrupt").level(), "a level outside 0-3 in the store is ignored");
        assertEquals(MonitoringLevel.OFF, endpoints.find("/dashboard").level(), "the dashboard stays unrecorded");
        assertEquals(null, endpoints.find("/unknown-here"), "learned on its first request, not from the store");
        assertEquals(0, watchedStarts.get(), "no level 2 or 3 arrived");
    }

    @Test
    void aWatchedLevelArrivingStartsTheOutlierDetectorOnce() {
        endpoints.declare("/a", null);
        endpoints.declare("/b", null);
        when(store.loadLevels()).thenReturn(Map.of("/a", 2, "/b", 3));
        LevelSync sync = sync(Duration.ofSeconds(10));
        assertEquals(2, sync.refresh());
        assertEquals(1, watchedStarts.get());
        assertEquals(0, sync.refresh(), "nothing differs any more");
        assertEquals(1, watchedStarts.get());
    }

    @Test
    void aLocalChangeIsStoredThenAppliedAndNotAppliedWhenStoringFails() {
        endpoints.declare("/a", null);
        LevelSync sync = sync(Duration.ofSeconds(10));
        sync.change(endpoints.find("/a"), MonitoringLevel.OUTLIERS);
        verify(store).saveLevel("/a", MonitoringLevel.OUTLIERS);
        assertEquals(MonitoringLevel.OUTLIERS, endpoints.find("/a").level());
        assertEquals(1, watchedStarts.get());

        doThrow(new StoreException("disk full", null)).when(store).saveLevel(anyString(), anyInt());
        assertThrows(StoreException.class, () -> sync.change(endpoints.find("/a"), MonitoringLevel.OFF));
        assertEquals(MonitoringLevel.OUTLIERS, endpoints.find("/a").level());
    }

    @Test
    void storeFailuresChangeNothingAndAreLoggedAtMostOnceAMinute() {
        endpoints.declare("/a", null);
        when(store.loadLevels()).thenThrow(new StoreException("connection refused", null));
        LevelSync sync = sync(Duration.ofSeconds(1));

        for (int i = 0; i < 59; i++) {
            assertEquals(0, sync.refresh());
            now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        }
        assertEquals(59, sync.failures());
        assertEquals(1, sync.failuresLogged());
        now.addAndGet(TimeUnit.SECONDS.toNanos(1));
        sync.refresh();
        assertEquals(2, sync.failuresLogged(), "a minute after the last line, the next one");
        assertEquals(1, endpoints.find("/a").level());
    }

    @Test
    void aFailureAfterRecoveryIsLoggedAtOnce() {
        endpoints.declare("/a", null);
        when(store.loadLevels()).thenThrow(new StoreException("down", null)).thenReturn(Map.of("/a", 0))
                .thenThrow(new StoreException("down again", null));
        LevelSync sync = sync(Duration.ofSeconds(1));
        sync.refresh();
        assertEquals(1, sync.refresh());
        sync.refresh();
        assertEquals(2, sync.failuresLogged());
    }
}
