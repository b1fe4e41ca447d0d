package dev.monitordash.core.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which groups (users, client addresses) a chart shows when there are too many to read (the seed's future
 * work on fig. 3.2e): the N with the most requests, or the N slowest by mean execution time, plus every
 * group that has an outlier request, which is never hidden. Ties are broken by name, so the choice is
 * stable between page loads.
 *
 * @param n     how many to show besides the outlier groups; at least 1
 * @param order what "top" means
 */
public record TopN(int n, Order order) {

    public enum Order { REQUESTS, SLOWEST }

    /** A group's totals, the input of the selection. */
    public record Group(String name, long requests, double meanMillis) {
    }

    /** What is shown, in display order, and how many groups are left out. */
    public record Selection(List<Group> shown, int hidden) {
    }

    public TopN {
        Objects.requireNonNull(order, "order");
        if (n < 1) {
            throw new IllegalArgumentException("top N must be at least 1, was " + n);
        }
    }

    Selection select(Map<String, Group> groups, Set<String> withOutliers) {
        Comparator<Group> byName = Comparator.comparing(Group::name, Comparator.nullsLast(Comparator.naturalOrder()));
        Comparator<Group> rank = order == Order.REQUESTS
                ? Comparator.comparingLong(Group::requests).reversed().thenComparing(byName)
                : Comparator.comparingDouble(Group::meanMillis).reversed().thenComparing(byName);
        List<Group> all = new ArrayList<>(groups.values());
        all.sort(rank);
        Set<String> keep = new java.util.HashSet<>(withOutliers); // may hold null: requests without a user
        List<Group> shown = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Group g = all.get(i);
            if (i < n || keep.contains(g.name())) {
                shown.add(g);
            }
        }
        return new Selection(shown, all.size() - shown.size());
    }
}
