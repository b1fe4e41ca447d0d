package dev.monitordash.core.query;

import dev.monitordash.core.store.EpochMicros;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Status codes and failures per endpoint, and version usage across endpoints. */
final class StatusQueries {

    static final String REQUEST_COLUMNS = "e.name, r.started_at, r.duration, r.method, r.status, r.version, "
            + "r.user_name, r.client_ip, r.service, r.instance";

    private final Reads reads;

    StatusQueries(Reads reads) {
        this.reads = reads;
    }

    /**
     * Status codes counted from the covering index; failures read newest first along it. Of one user, the
     * endpoint's rows in the range are read from the table (the user is not in the index).
     */
    StatusCodes statusCodes(String endpoint, TimeRange range, int failedLimit, UserFilter user) {
        return reads.read("the status codes of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            List<StatusCodes.Count> codes = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM request WHERE "
                    + DistributionQueries.IN_RANGE + user.and() + " GROUP BY status ORDER BY status")) {
                Reads.bind(ps, user.params(id, range.fromMicros(), range.toMicros()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        codes.add(new StatusCodes.Count(rs.getInt(1), rs.getLong(2)));
                    }
                }
            }
            List<StoredRequest> failed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + REQUEST_COLUMNS + " FROM request r "
                    + "JOIN endpoint e ON e.id = r.endpoint_id WHERE r.endpoint_id = ? AND r.started_at >= ? "
                    + "AND r.started_at < ? AND r.status >= 400" + user.and("r.")
                    + " ORDER BY r.started_at DESC, r.id DESC LIMIT ?")) {
                Reads.bind(ps, BoxPlotReader.concat(user.params(id, range.fromMicros(), range.toMicros()),
                        new Object[] {failedLimit}));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        failed.add(row(rs));
                    }
                }
            }
            return new StatusCodes(codes, failed);
        });
    }

    VersionUsage versionUsage(TimeRange range) {
        return reads.read("the version usage", c -> {
            List<VersionUsage.Cell> raw = new ArrayList<>();
            Map<String, Long> perEndpoint = new HashMap<>();
            Map<String, Long> versionStart = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT e.name, g.version, g.n, g.first FROM "
                    + "(SELECT endpoint_id, version, COUNT(*) AS n, MIN(started_at) AS first FROM request "
                    + "WHERE started_at >= ? AND started_at < ? GROUP BY endpoint_id, version) g "
                    + "JOIN endpoint e ON e.id = g.endpoint_id ORDER BY e.name")) {
                Reads.bind(ps, range.fromMicros(), range.toMicros());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        raw.add(new VersionUsage.Cell(rs.getString(1), rs.getString(2), rs.getLong(3), 0));
                        perEndpoint.merge(rs.getString(1), rs.getLong(3), Long::sum);
                        versionStart.merge(rs.getString(2), rs.getLong(4), Math::min);
                    }
                }
            }
            List<String> versions = new ArrayList<>(versionStart.keySet());
            versions.sort(Comparator.comparing((String v) -> versionStart.get(v)).thenComparing(Comparator.naturalOrder()));
            List<VersionUsage.Cell> cells = new ArrayList<>(raw.size());
            for (VersionUsage.Cell cell : raw) {
                cells.add(new VersionUsage.Cell(cell.endpoint(), cell.version(), cell.requests(),
                        cell.requests() / (double) perEndpoint.get(cell.endpoint())));
            }
            cells.sort(Comparator.comparing(VersionUsage.Cell::endpoint)
                    .thenComparing(cell -> versions.indexOf(cell.version())));
            Map<String, Instant> firstSeen = new LinkedHashMap<>();
            versions.forEach(v -> firstSeen.put(v, null));
            try (PreparedStatement ps = c.prepareStatement("SELECT name, first_seen FROM version");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (firstSeen.containsKey(rs.getString(1))) {
                        firstSeen.put(rs.getString(1), EpochMicros.toInstant(rs.getLong(2)));
                    }
                }
            }
            return new VersionUsage(versions, Collections.unmodifiableMap(firstSeen), cells);
        });
    }

    static StoredRequest row(ResultSet rs) throws SQLException {
        return new StoredRequest(rs.getString(1), EpochMicros.toInstant(rs.getLong(2)), rs.getLong(3) / 1_000.0,
                rs.getString(4), rs.getInt(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10));
    }
}
