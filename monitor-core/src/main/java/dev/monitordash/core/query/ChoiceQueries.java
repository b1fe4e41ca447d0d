package dev.monitordash.core.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The values the endpoint page's filters offer. One GROUP BY per user and version instead of the box plot
 * answers: listing names must not cost an exact box per user, and must not depend on the user chosen.
 */
final class ChoiceQueries {

    private final Reads reads;

    ChoiceQueries(Reads reads) {
        this.reads = reads;
    }

    FilterChoices choices(String endpoint, TimeRange range, int maxUsers) {
        return reads.read("the filter choices of " + endpoint, c -> {
            long id = Reads.endpointId(c, endpoint);
            Map<String, Long> users = new HashMap<>();
            Map<String, Long> versions = new HashMap<>(); // name -> first seen, Long.MAX_VALUE when unknown
            try (PreparedStatement ps = c.prepareStatement("SELECT " + Dimension.USER.column + ", version, COUNT(*) "
                    + "FROM request WHERE " + DistributionQueries.IN_RANGE + " GROUP BY " + Dimension.USER.column
                    + ", version")) {
                Reads.bind(ps, id, range.fromMicros(), range.toMicros());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1) != null) {
                            users.merge(rs.getString(1), rs.getLong(3), Long::sum);
                        }
                        versions.put(rs.getString(2), Long.MAX_VALUE);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT name, first_seen FROM version");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    if (versions.containsKey(name)) {
                        versions.put(name, rs.getLong(2));
                    }
                }
            }
            List<FilterChoices.UserCount> ranked = new ArrayList<>();
            users.forEach((name, n) -> ranked.add(new FilterChoices.UserCount(name, n)));
            ranked.sort(Comparator.comparingLong(FilterChoices.UserCount::requests).reversed()
                    .thenComparing(FilterChoices.UserCount::user));
            List<String> byFirstSeen = new ArrayList<>(versions.keySet());
            byFirstSeen.sort(Comparator.comparing((String v) -> versions.get(v)).thenComparing(Comparator.naturalOrder()));
            int shown = Math.min(maxUsers, ranked.size());
            return new FilterChoices(List.copyOf(ranked.subList(0, shown)), ranked.size() - shown, byFirstSeen);
        });
    }
}
