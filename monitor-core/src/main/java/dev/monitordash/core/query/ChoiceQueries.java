package dev.monitordash.core.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values the endpoint page's filters offer: users by requests from the daily user rollups (plus the
 * rows not rolled up yet), versions from the endpoint's daily and edge-hour rollups. Listing names never
 * costs a box per user and does not depend on the user chosen.
 */
final class ChoiceQueries {

    private final Reads reads;

    ChoiceQueries(Reads reads) {
        this.reads = reads;
    }

    FilterChoices choices(String endpoint, TimeRange range, int maxUsers) {
        return reads.read("the filter choices of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            Map<Long, long[]> users = new HashMap<>();
            DistributionQueries.groupRows(c, Dimension.USER, id, range,
                    g -> g != UserIds.NONE && g != UserIds.OTHER,
                    (group, origin, d) -> users.computeIfAbsent(group, k -> new long[1])[0] += d.requests);
            Map<Long, String> origins = Origins.versions(c);
            Map<String, Long> versions = new HashMap<>(); // name -> first seen, Long.MAX_VALUE when unknown
            RollupSpan span = RollupSpan.of(range);
            try (PreparedStatement ps = c.prepareStatement(RollupSpan.union("origin_id", "endpoint_id = ?"))) {
                Reads.bind(ps, span.params(id));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        versions.put(origins.get(rs.getLong(1)), Long.MAX_VALUE);
                    }
                }
            }
            span.rawEdges(c, id, (e, origin, at, duration, status) ->
                    versions.put(origins.get(origin), Long.MAX_VALUE));
            Origins.firstSeen(c).forEach((name, seen) -> versions.computeIfPresent(name, (k, v) -> seen));
            Map<Long, String> names = UserIds.names(c, Dimension.USER, users.keySet());
            List<FilterChoices.UserCount> ranked = new ArrayList<>();
            users.forEach((uid, n) -> ranked.add(new FilterChoices.UserCount(names.get(uid), n[0])));
            ranked.sort(Comparator.comparingLong(FilterChoices.UserCount::requests).reversed()
                    .thenComparing(FilterChoices.UserCount::user));
            List<String> byFirstSeen = new ArrayList<>(versions.keySet());
            byFirstSeen.sort(Comparator.comparing((String v) -> versions.get(v)).thenComparing(Comparator.naturalOrder()));
            int shown = Math.min(maxUsers, ranked.size());
            return new FilterChoices(List.copyOf(ranked.subList(0, shown)), ranked.size() - shown, byFirstSeen);
        });
    }
}
