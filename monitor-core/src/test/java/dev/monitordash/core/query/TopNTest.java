package dev.monitordash.core.query;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopNTest {

    private static Map<String, TopN.Group> groups(TopN.Group... gs) {
        Map<String, TopN.Group> m = new LinkedHashMap<>();
        for (TopN.Group g : gs) {
            m.put(g.name(), g);
        }
        return m;
    }

    private static final Map<String, TopN.Group> USERS = groups(
            new TopN.Group("ann", 50, 10), new TopN.Group("bob", 40, 90), new TopN.Group("cy", 40, 20),
            new TopN.Group("dee", 2, 300), new TopN.Group(null, 1, 5));

    private static List<String> names(TopN.Selection s) {
        return s.shown().stream().map(TopN.Group::name).toList();
    }

    @Test
    void byRequestsTakesTheBusiestWithTiesByName() {
        TopN.Selection s = new TopN(3, TopN.Order.REQUESTS).select(USERS, Set.of());
        assertEquals(List.of("ann", "bob", "cy"), names(s));
        assertEquals(2, s.hidden());
    }

    @Test
    void bySlownessTakesTheHighestMeans() {
        TopN.Selection s = new TopN(2, TopN.Order.SLOWEST).select(USERS, Set.of());
        assertEquals(List.of("dee", "bob"), names(s));
        assertEquals(3, s.hidden());
    }

    @Test
    void neverHidesAGroupWithOutliers() {
        TopN.Selection s = new TopN(1, TopN.Order.REQUESTS).select(USERS, Set.of("dee"));
        assertEquals(List.of("ann", "dee"), names(s));
        assertEquals(3, s.hidden());
    }

    @Test
    void nLargerThanTheGroupsShowsAll() {
        TopN.Selection s = new TopN(100, TopN.Order.REQUESTS).select(USERS, Set.of());
        assertEquals(5, s.shown().size());
        assertEquals(0, s.hidden());
    }

    @Test
    void refusesNLessThanOne() {
        assertThrows(IllegalArgumentException.class, () -> new TopN(0, TopN.Order.REQUESTS));
        assertThrows(IllegalArgumentException.class, () -> new TopN(-3, TopN.Order.SLOWEST));
    }
}
