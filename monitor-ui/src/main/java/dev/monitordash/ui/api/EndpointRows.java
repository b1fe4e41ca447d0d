package dev.monitordash.ui.api;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.store.StoreException;
import dev.monitordash.core.store.StoredEndpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The rules table (seed fig. 3.1): the live registry says which endpoints exist now, their handler and
 * their current level; the store adds what it has recorded about them (methods seen, first seen with
 * version, last requested). Endpoints only the store knows (no longer mapped, or beyond the endpoint cap)
 * are listed too, marked as not live: their level cannot be changed.
 */
final class EndpointRows {

    /** One row of the rules table. Times are ISO-8601 instants (UTC), null when unknown. */
    record Row(String endpoint, String kind, String handler, List<String> methods, int level, boolean live,
            String firstSeen, String firstVersion, String lastRequested) {
    }

    /** The whole answer of {@code GET api/endpoints}. {@code storeError} is set when only live data could be read. */
    record Table(List<Levels.Level> levels, List<Row> endpoints, String storeError) {
    }

    private final Monitor monitor;

    EndpointRows(Monitor monitor) {
        this.monitor = monitor;
    }

    Table table() {
        Map<String, StoredEndpoint> stored = new HashMap<>();
        String storeError = null;
        try {
            for (StoredEndpoint e : monitor.store().loadEndpoints()) {
                stored.put(e.name(), e);
            }
        } catch (StoreException e) {
            storeError = e.getMessage();
        }
        List<Row> rows = new ArrayList<>();
        for (Endpoint e : monitor.endpoints().all()) {
            StoredEndpoint s = stored.remove(e.name());
            String handler = e.handler() != null ? e.handler() : s != null ? s.handler() : null;
            rows.add(s == null
                    ? new Row(e.name(), kind(e.kind()), handler, List.of(), e.level(), true, null, null, null)
                    : new Row(e.name(), kind(e.kind()), handler, sorted(s), e.level(), true,
                            iso(s.firstSeen()), s.firstVersion(), iso(s.lastRequested())));
        }
        for (StoredEndpoint s : stored.values()) {
            rows.add(new Row(s.name(), "route", s.handler(), sorted(s), s.level(), false,
                    iso(s.firstSeen()), s.firstVersion(), iso(s.lastRequested())));
        }
        // Routes by name; the two catch-all endpoints after them, where they do not split the list.
        rows.sort(Comparator.comparing((Row r) -> !"route".equals(r.kind())).thenComparing(Row::endpoint));
        return new Table(Levels.ALL, rows, storeError);
    }

    private static List<String> sorted(StoredEndpoint s) {
        return s.methods() == null ? List.of() : List.copyOf(new TreeSet<>(s.methods()));
    }

    static String kind(Endpoint.Kind kind) {
        switch (kind) {
            case OVERFLOW:
                return "overflow";
            case NOT_FOUND:
                return "not-found";
            default:
                return "route";
        }
    }

    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
