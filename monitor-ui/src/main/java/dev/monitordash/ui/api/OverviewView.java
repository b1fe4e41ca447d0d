package dev.monitordash.ui.api;

import dev.monitordash.core.query.DashboardQueries;
import dev.monitordash.core.query.OverviewRow;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET api/overview}: the overview table. "Today" is the day in the configured timezone, which
 * is sent along so the page labels times in the same zone the counts were bucketed in.
 */
record OverviewView(String timezone, List<Row> endpoints) {

    /** One endpoint; {@code medianMillis} and {@code lastRequested} are null without requests. */
    record Row(String endpoint, long hitsToday, long hitsLast7Days, long hitsTotal, Double medianMillis,
            long errors, String lastRequested) {
    }

    static OverviewView of(DashboardQueries queries, ZoneId zone) {
        List<Row> rows = new ArrayList<>();
        for (OverviewRow r : queries.overview(zone)) {
            double median = r.medianMillis();
            rows.add(new Row(r.endpoint(), r.hitsToday(), r.hitsLast7Days(), r.hitsTotal(),
                    Double.isFinite(median) ? median : null, // JSON has no NaN
                    r.errors(), EndpointRows.iso(r.lastRequested())));
        }
        return new OverviewView(zone.getId(), rows);
    }
}
