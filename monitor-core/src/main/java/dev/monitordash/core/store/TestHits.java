package dev.monitordash.core.store;

import dev.monitordash.core.record.RequestRecord;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds the batch's requests made by tests to {@code test_hit} (per endpoint, test and origin), in the batch's
 * transaction: the Tests page says which endpoints each test reached. In production no record names a test
 * and this is one pass over the batch.
 */
final class TestHits {

    private static final String UPSERT = "INSERT INTO test_hit (endpoint_id, test_id, origin_id, requests, total, "
            + "last_seen) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (endpoint_id, test_id, origin_id) DO UPDATE SET "
            + "requests = test_hit.requests + excluded.requests, total = test_hit.total + excluded.total, "
            + "last_seen = CASE WHEN excluded.last_seen > test_hit.last_seen THEN excluded.last_seen "
            + "ELSE test_hit.last_seen END";

    private TestHits() {
    }

    /** One endpoint's requests by one test within a batch. */
    private record Key(long endpointId, String test) {
    }

    static void add(Connection c, List<RequestRecord> records, List<RequestRow> rows, Dictionaries.Names tests,
            long originId) throws SQLException {
        Map<Key, long[]> sums = null; // requests, total µs, last start
        for (int i = 0; i < records.size(); i++) {
            String test = records.get(i).test();
            if (test == null) {
                continue;
            }
            if (sums == null) {
                sums = new HashMap<>();
            }
            RequestRow row = rows.get(i);
            long[] s = sums.computeIfAbsent(new Key(row.endpointId(), test), k -> new long[3]);
            s[0]++;
            s[1] += row.duration();
            s[2] = Math.max(s[2], row.startedAt());
        }
        if (sums == null) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (Key k : sums.keySet()) {
            names.add(k.test());
        }
        Map<String, Long> ids = tests.ids(c, names);
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (Map.Entry<Key, long[]> e : sums.entrySet()) {
                long[] s = e.getValue();
                ps.setLong(1, e.getKey().endpointId());
                ps.setLong(2, ids.get(e.getKey().test()));
                ps.setLong(3, originId);
                ps.setLong(4, s[0]);
                ps.setLong(5, s[1]);
                ps.setLong(6, s[2]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
