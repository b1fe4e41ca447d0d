package dev.monitordash.core.alert;

import dev.monitordash.core.store.EpochMicros;
import dev.monitordash.core.store.MonitorStore;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The requests of every endpoint in the last window, read once per evaluation for the longest window of
 * the rules, from the raw rows of that window only: the hourly rollups are too coarse for a 5-minute
 * condition, and the monitor's in-memory state would see only this instance's requests, while the rules
 * are shared by all instances of the database. The rows are found by id: the hourly rollups hold each
 * hour's first request id, so the read starts at the window's first hour and never scans older rows.
 * Cost: the rows since the start of that hour (at most two hours' rows for the longest window of 1 h).
 */
final class RequestWindow {

    /** One endpoint's requests in the window: start times (µs) and durations (µs), status per request. */
    static final class Requests {
        private long[] at = new long[16];
        private long[] durations = new long[16];
        private int[] statuses = new int[16];
        private int n;

        void add(long startedAt, long duration, int status) {
            if (n == at.length) {
                at = Arrays.copyOf(at, n * 2);
                durations = Arrays.copyOf(durations, n * 2);
                statuses = Arrays.copyOf(statuses, n * 2);
            }
            at[n] = startedAt;
            durations[n] = duration;
            statuses[n] = status;
            n++;
        }

        /** The value of a request metric over the requests since {@code fromMicros}; null: no requests. */
        Double value(Metric metric, long fromMicros, Duration window) {
            int count = 0;
            int errors = 0;
            long[] d = new long[n];
            for (int i = 0; i < n; i++) {
                if (at[i] >= fromMicros) {
                    d[count++] = durations[i];
                    if (statuses[i] >= 500) {
                        errors++;
                    }
                }
            }
            if (metric == Metric.REQUEST_RATE) {
                return count / (window.toSeconds() / 60.0);
            }
            if (count == 0) {
                return null;
            }
            return switch (metric) {
                case ERROR_RATE -> 100.0 * errors / count;
                case P50 -> quantile(d, count, 0.50);
                case P95 -> quantile(d, count, 0.95);
                case P99 -> quantile(d, count, 0.99);
                default -> throw new IllegalArgumentException(metric.id());
            };
        }

        /** Nearest-rank quantile in milliseconds. */
        private static double quantile(long[] d, int count, double q) {
            long[] sorted = Arrays.copyOf(d, count);
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(q * count);
            return sorted[Math.max(0, rank - 1)] / 1_000.0;
        }
    }

    /** Every known endpoint (so that "too few requests" sees silent ones), its requests, its outliers. */
    record Snapshot(TreeSet<String> endpoints, Map<String, Requests> requests, Map<String, long[]> outliers) {

        Double value(Metric metric, String endpoint, Instant now, Duration window) {
            long from = EpochMicros.of(now.minus(window));
            if (metric == Metric.OUTLIERS) {
                long[] at = outliers.getOrDefault(endpoint, new long[0]);
                return Arrays.stream(at).filter(t -> t >= from).count() / (window.toSeconds() / 60.0);
            }
            Requests r = requests.get(endpoint);
            if (r == null) {
                return metric == Metric.REQUEST_RATE ? 0.0 : null;
            }
            return r.value(metric, from, window);
        }
    }

    private final MonitorStore store;

    RequestWindow(MonitorStore store) {
        this.store = store;
    }

    Snapshot read(Instant now, Duration longest, boolean withOutliers) {
        long from = EpochMicros.of(now.minus(longest));
        long firstHour = from / 3_600_000_000L;
        return store.read("the requests of the alert window", c -> {
            TreeSet<String> endpoints = new TreeSet<>();
            Map<Long, String> names = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM endpoint");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.put(rs.getLong(1), rs.getString(2));
                    endpoints.add(rs.getString(2));
                }
            }
            Map<String, Requests> requests = new HashMap<>();
            Long firstId = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT MIN(first_id) FROM rollup_hour WHERE hour >= ?")) {
                ps.setLong(1, firstHour);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        long v = rs.getLong(1);
                        firstId = rs.wasNull() ? null : v;
                    }
                }
            }
            if (firstId != null) {
                try (PreparedStatement ps = c.prepareStatement("SELECT r.endpoint_id, r.started_ms * 1000, r.duration, "
                        + "k.status FROM request r JOIN request_kind k ON k.id = r.kind "
                        + "WHERE r.id >= ? AND r.started_ms >= ?")) {
                    ps.setLong(1, firstId);
                    ps.setLong(2, EpochMicros.startedMsBound(from));
                    ps.setFetchSize(1_000);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String name = names.get(rs.getLong(1));
                            if (name != null) {
                                requests.computeIfAbsent(name, k -> new Requests()).add(rs.getLong(2), rs.getLong(3),
                                        rs.getInt(4));
                            }
                        }
                    }
                }
            }
            Map<String, long[]> outliers = new HashMap<>();
            if (withOutliers) {
                Map<String, List<Long>> found = new HashMap<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT endpoint_id, captured_at FROM outlier WHERE captured_at >= ?")) {
                    ps.setLong(1, from);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String name = names.get(rs.getLong(1));
                            if (name != null) {
                                found.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(rs.getLong(2));
                            }
                        }
                    }
                }
                found.forEach((k, v) -> outliers.put(k, v.stream().mapToLong(Long::longValue).toArray()));
            }
            return new Snapshot(endpoints, requests, outliers);
        });
    }
}
