package dev.monitordash.ui.browser;

import dev.monitordash.ui.support.DashboardServer;
import dev.monitordash.ui.support.DashboardServer.Hit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recorded history {@link EndpointPageBrowserTest} reads back, and what it should show.
 * <ul>
 * <li>1.4.0, first seen 20 days ago: 12 requests 15 days ago by ann, bob, carol from 10.0.0.1 and .2,
 * 10-21 ms, one 500.</li>
 * <li>1.4.1, first seen 8 days ago: 9 requests 5 days ago by ann, bob, dave from 10.0.0.3, 20-36 ms, one 404.</li>
 * <li>1.4.2, the running version: 6 requests in the last 3 hours by alice from 127.0.0.1, 30-35 ms, one 503.</li>
 * </ul>
 * No duration lies beyond the box plot's whiskers, so no user is shown for being behind an outlier and
 * top N hides exactly the rest. Plus /search (other requests the page must leave out) and an endpoint and
 * user whose names are markup.
 */
final class EndpointHistory {

    static final String ORDERS = "/orders/{id}";
    static final String XSS = "/xss/<img src=x onerror=\"window.__xss='endpoint'\">";
    static final String XSS_USER = "<img src=x onerror=\"window.__xss='user'\">";

    /** When each request of /orders/{id} started, and by whom (the same index). */
    final List<Instant> orderStarts = new ArrayList<>();
    final List<String> orderUsers = new ArrayList<>();
    final Instant firstSeen140;
    final Instant firstSeen141;

    private EndpointHistory(Instant now) {
        firstSeen140 = now.minus(Duration.ofDays(20));
        firstSeen141 = now.minus(Duration.ofDays(8));
    }

    static EndpointHistory record(DashboardServer server) throws InterruptedException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        EndpointHistory h = new EndpointHistory(now);
        server.declare(ORDERS, "OrderServlet");
        server.declare("/search", "SearchServlet");
        server.declare(XSS, "EvilServlet");
        List<Hit> old = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String user = List.of("ann", "bob", "carol").get(i % 3);
            Instant t = h.order(now.minus(Duration.ofDays(15)).minus(Duration.ofHours(i)), user);
            old.add(new Hit(ORDERS, i == 5 ? 500 : 200, 10 + i, t, user, "10.0.0." + (1 + i % 2)));
        }
        server.recordVersion("1.4.0", h.firstSeen140, old);
        List<Hit> middle = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String user = List.of("ann", "bob", "dave").get(i % 3);
            Instant t = h.order(now.minus(Duration.ofDays(5)).minus(Duration.ofHours(i)), user);
            middle.add(new Hit(ORDERS, i == 4 ? 404 : 200, 20 + 2 * i, t, user, "10.0.0.3"));
        }
        server.recordVersion("1.4.1", h.firstSeen141, middle);
        server.recordVersion("1.4.1", h.firstSeen141, List.of(new Hit(XSS, 500, 7, now.minusSeconds(5), XSS_USER,
                "10.6.6.6")));
        for (int i = 0; i < 6; i++) {
            server.record(ORDERS, "GET", i == 0 ? 503 : 200, 30 + i, h.order(now.minus(Duration.ofMinutes(30L * i)), "alice"));
        }
        for (int i = 0; i < 3; i++) {
            server.record("/search", "GET", 200, 5, now.minusSeconds(60L * i));
        }
        server.awaitWritten(9);
        return h;
    }

    private Instant order(Instant start, String user) {
        orderStarts.add(start);
        orderUsers.add(user);
        return start;
    }

    /** "day HH:00" → requests of /orders/{id}, by the start times in the dashboard's timezone. */
    Map<String, Long> heatmapCells() {
        return heatmapCells(null);
    }

    /** The cells of one user's requests (null: everyone's). */
    Map<String, Long> heatmapCells(String user) {
        Map<String, Long> cells = new TreeMap<>();
        for (int i = 0; i < orderStarts.size(); i++) {
            if (user == null || user.equals(orderUsers.get(i))) {
                ZonedDateTime local = orderStarts.get(i).atZone(DashboardServer.ZONE);
                cells.merge(local.toLocalDate() + " " + String.format("%02d:00", local.getHour()), 1L, Long::sum);
            }
        }
        return cells;
    }
}
