package dev.monitordash.core.query;

import dev.monitordash.core.rollup.Lenient;
import dev.monitordash.core.rollup.StatusCounts;
import dev.monitordash.core.store.EpochMicros;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Status codes and failures per endpoint, and version usage across endpoints. */
final class StatusQueries {

    static final String REQUEST_COLUMNS = "e.name, r.started_ms, r.duration, k.method, k.status, o.version, "
            + "u.name, cl.address, o.service, o.instance";
    /** A request row with its strings, for lists of a few rows (failures, export). */
    static final String REQUEST_FROM = " FROM request r JOIN endpoint e ON e.id = r.endpoint_id "
            + "JOIN request_kind k ON k.id = r.kind "
            + "JOIN origin o ON o.id = r.origin_id LEFT JOIN app_user u ON u.id = r.user_id "
            + "LEFT JOIN client cl ON cl.id = r.client_id";

    private final Reads reads;

    StatusQueries(Reads reads) {
        this.reads = reads;
    }

    /**
     * Status codes from the rollups (daily and edge-hour rows; of one user, the user's daily rows plus the
     * rows not rolled up yet); the most recent failures from the raw rows through the index of failed
     * requests, which holds only requests with status ≥ 400.
     */
    StatusCodes statusCodes(String endpoint, TimeRange range, int failedLimit, UserFilter user) {
        return reads.read("the status codes of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            StatusCounts counts = new StatusCounts();
            OptionalLong userId = OptionalLong.empty();
            if (user.user() == null) {
                RollupSpan span = RollupSpan.of(range);
                try (PreparedStatement ps = c.prepareStatement(RollupSpan.union("statuses", "endpoint_id = ?"))) {
                    Reads.bind(ps, span.params(id));
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counts.merge(Lenient.statuses(rs.getBytes(1)));
                        }
                    }
                }
                span.rawEdges(c, id, (e, origin, at, duration, status) -> counts.add(status));
            } else {
                userId = UserIds.user(c, user.user());
                if (userId.isEmpty()) {
                    return new StatusCodes(List.of(), List.of());
                }
                RollupSpan span = RollupSpan.of(range);
                try (PreparedStatement ps = c.prepareStatement("SELECT statuses FROM rollup_user WHERE endpoint_id = ? "
                        + "AND day >= ? AND day < ? AND user_id = ?")) {
                    Reads.bind(ps, id, span.firstTouchedDay(), span.endTouchedDay(), userId.getAsLong());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            counts.merge(Lenient.statuses(rs.getBytes(1)));
                        }
                    }
                }
                for (PendingRows.Row r : PendingRows.of(c, id, range.fromMicros(), range.toMicros())) {
                    if (r.userId() == userId.getAsLong()) {
                        counts.add(r.status());
                    }
                }
            }
            List<StatusCodes.Count> codes = new ArrayList<>();
            counts.asMap().forEach((status, n) -> codes.add(new StatusCodes.Count(status, n)));
            List<StoredRequest> failed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + REQUEST_COLUMNS + REQUEST_FROM
                    // kind < 0: a failed request, in the request_failed index
                    + " WHERE r.endpoint_id = ? AND r.kind < 0 AND r.started_ms >= ? AND r.started_ms < ?"
                    + (userId.isPresent() ? " AND r.user_id = ?" : "") + " ORDER BY r.started_ms DESC, r.id DESC LIMIT ?")) {
                long from = EpochMicros.startedMsBound(range.fromMicros());
                long to = EpochMicros.startedMsBound(range.toMicros());
                Object[] params = userId.isPresent()
                        ? new Object[] {id, from, to, userId.getAsLong(), failedLimit}
                        : new Object[] {id, from, to, failedLimit};
                Reads.bind(ps, params);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        failed.add(row(rs));
                    }
                }
            }
            return new StatusCodes(codes, failed);
        });
    }

    /** Endpoint × version requests from the daily and edge-hour rollups; versions by first seen. */
    VersionUsage versionUsage(TimeRange range) {
        return reads.read("the version usage", c -> {
            Map<Long, String> versions = Origins.versions(c);
            Map<Long, String> endpoints = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM endpoint");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    endpoints.put(rs.getLong(1), rs.getString(2));
                }
            }
            Map<String, Map<String, long[]>> counts = new java.util.TreeMap<>();
            RollupSpan span = RollupSpan.of(range);
            try (PreparedStatement ps = c.prepareStatement(RollupSpan.union("endpoint_id, origin_id, requests", ""))) {
                Reads.bind(ps, span.params());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String e = endpoints.get(rs.getLong(1));
                        if (e != null && rs.getLong(3) > 0) {
                            counts.computeIfAbsent(e, k -> new HashMap<>())
                                    .computeIfAbsent(versions.get(rs.getLong(2)), k -> new long[1])[0] += rs.getLong(3);
                        }
                    }
                }
            }
            Map<String, long[]> edgeFirst = new HashMap<>(); // version -> {started_at} of raw minutes
            span.rawEdges(c, null, (endpoint, origin, at, duration, status) -> {
                String e = endpoints.get(endpoint);
                if (e != null) {
                    counts.computeIfAbsent(e, k -> new HashMap<>())
                            .computeIfAbsent(versions.get(origin), k -> new long[1])[0]++;
                    edgeFirst.merge(versions.get(origin), new long[] {at}, (x, y) -> x[0] <= y[0] ? x : y);
                }
            });
            Map<String, Long> seen = Origins.firstSeen(c);
            // Versions by their first hour with requests in the range; within one hour in the order they were
            // written (request ids grow with every batch); then by first seen.
            Map<String, long[]> first = new HashMap<>(); // version -> {hour, id}
            try (PreparedStatement ps = c.prepareStatement("SELECT origin_id, MIN(hour), MIN(first_id) FROM "
                    + "rollup_hour WHERE hour >= ? AND hour < ? GROUP BY origin_id")) {
                Reads.bind(ps, span.firstHour(), span.endHour());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long[] here = {rs.getLong(2), rs.getLong(3)};
                        first.merge(versions.get(rs.getLong(1)), here, (a, b) -> Arrays.compare(a, b) <= 0 ? a : b);
                    }
                }
            }
            List<String> ordered = new ArrayList<>();
            counts.values().forEach(m -> m.keySet().forEach(v -> {
                if (!ordered.contains(v)) {
                    ordered.add(v);
                }
            }));
            // A version seen only in the raw minutes at the ends: placed by the hour of its first request there.
            edgeFirst.forEach((v, at) -> first.merge(v, new long[] {Math.floorDiv(at[0], RollupSpan.HOUR_MICROS),
                    Long.MAX_VALUE}, (a, b) -> Arrays.compare(a, b) <= 0 ? a : b));
            long[] never = {Long.MAX_VALUE, Long.MAX_VALUE};
            ordered.sort(Comparator.comparing((String v) -> first.getOrDefault(v, never), Arrays::compare)
                    .thenComparing(v -> seen.getOrDefault(v, Long.MAX_VALUE)).thenComparing(Comparator.naturalOrder()));
            List<VersionUsage.Cell> cells = new ArrayList<>();
            counts.forEach((endpoint, byVersion) -> {
                long total = byVersion.values().stream().mapToLong(n -> n[0]).sum();
                byVersion.forEach((v, n) -> cells.add(new VersionUsage.Cell(endpoint, v, n[0], n[0] / (double) total)));
            });
            cells.sort(Comparator.comparing(VersionUsage.Cell::endpoint)
                    .thenComparing(cell -> ordered.indexOf(cell.version())));
            Map<String, Instant> firstSeen = new LinkedHashMap<>();
            ordered.forEach(v -> firstSeen.put(v, seen.containsKey(v) ? EpochMicros.toInstant(seen.get(v)) : null));
            return new VersionUsage(ordered, Collections.unmodifiableMap(firstSeen), cells);
        });
    }

    static StoredRequest row(ResultSet rs) throws SQLException {
        return new StoredRequest(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getLong(3) / 1_000.0,
                rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10));
    }
}
