package dev.monitordash.core.report;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.testing.MutableClock;
import dev.monitordash.core.testing.Records;
import dev.monitordash.core.testing.SqliteTestDatabase;
import dev.monitordash.core.version.VersionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The automatic report over a real SQLite store: waits for requests, then names what a version made slower. */
class VersionReportsTest {

    static final Instant NOW = Instant.parse("2025-06-20T12:00:00Z");
    static final Instant V1_SEEN = NOW.minus(Duration.ofDays(10));
    static final Instant V2_SEEN = NOW.minus(Duration.ofDays(1));

    @TempDir
    Path dir;
    JdbcStore store;
    final MutableClock clock = new MutableClock(NOW);

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    VersionReports open() {
        SqliteTestDatabase db = new SqliteTestDatabase(dir);
        store = JdbcStore.open(db.config(db.freshUrl()).build(), clock);
        return new VersionReports(() -> store.queries().analytics(), ReportSettings.defaults(), clock);
    }

    void deploy(String version, Instant seen) {
        store.saveVersion(new VersionInfo(version, null, List.of(), null, VersionInfo.Source.CONFIGURED), seen);
    }

    /** n requests of each endpoint from {@code start}, one a minute; /slow takes {@code slowMillis}. */
    void record(String version, Instant start, int n, long slowMillis) {
        Endpoint slow = Records.endpoint("/slow");
        Endpoint same = Records.endpoint("/same");
        List<RequestRecord> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long at = Records.micros(start.plusSeconds(60L * i));
            long jitter = (i * 37L) % 1_000;
            batch.add(Records.get(slow, at, slowMillis * 1_000 + jitter));
            batch.add(Records.get(same, at, 5_000 + jitter));
        }
        store.writeBatch(batch, new Origin(version, "shop", "node-1"));
    }

    @Test
    void theNewestVersionWaitsForRequestsThenNamesTheEndpointItMadeSlower() {
        VersionReports reports = open();
        deploy("1.0", V1_SEEN);
        record("1.0", V1_SEEN, 300, 10);
        assertTrue(reports.newest().isEmpty(), "one version: nothing to compare");

        deploy("2.0", V2_SEEN);
        record("2.0", V2_SEEN, 40, 20);
        VersionReport waiting = reports.newest().orElseThrow();
        assertEquals("2.0", waiting.version());
        assertEquals("1.0", waiting.previous());
        assertFalse(waiting.ready(), "40 requests a side are fewer than 100");
        assertEquals(80, waiting.requests());
        assertEquals(List.of(), reports.slowerEndpoints("2.0"));

        record("2.0", V2_SEEN.plusSeconds(3_600), 200, 20);
        assertFalse(reports.newest().orElseThrow().ready(), "the waiting report is kept for a few seconds");
        clock.advance(VersionReports.FRESH_WAITING);
        VersionReport ready = reports.newest().orElseThrow();
        assertTrue(ready.ready());
        assertEquals(List.of("/slow"), ready.report().slower().stream().map(EndpointChange::endpoint).toList());
        List<EndpointChange> slower = reports.slowerEndpoints("2.0");
        assertEquals(List.of("/slow"), slower.stream().map(EndpointChange::endpoint).toList());
        assertTrue(slower.get(0).summary().startsWith("median 2.0× slower"), slower.get(0).summary());
        assertEquals(List.of(), reports.slowerEndpoints("1.0"), "the first version has none before it");
        assertEquals(List.of(), reports.slowerEndpoints("3.0"), "unknown version");
    }
}
