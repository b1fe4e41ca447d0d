package dev.monitordash.core.query;

import dev.monitordash.core.report.ReportSettings;
import dev.monitordash.core.report.Reports;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every dashboard view over ranges, computed and written out as text (records field by field, arrays by
 * value), so that two computations compare with one {@code assertEquals} and a difference names its view.
 * The failure lists of the status view and the export are left out: they read raw rows by design.
 */
final class AllViews {

    private AllViews() {
    }

    /**
     * @param days  the local days the data spans, first and last
     * @param users users to filter by; versions to filter and compare by
     */
    static Map<String, String> of(DashboardQueries dashboard, ZoneId zone, LocalDate first, LocalDate last,
            List<String> endpoints, List<String> users, List<String> versions) {
        AnalyticsQueries q = dashboard.analytics();
        Reports reports = new Reports(q, ReportSettings.defaults());
        TimeRange all = TimeRange.days(first, last, zone);
        TimeRange week = TimeRange.days(last.minusDays(6), last, zone);
        // Starts and ends mid-day: whole days from rollup_day, edge hours from rollup_hour.
        TimeRange partial = new TimeRange(all.from().plusSeconds(5 * 3_600), all.to().minusSeconds(7 * 3_600));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("overview", text(dashboard.overview(zone)));
        out.put("loadHeatmap", text(q.loadHeatmap(first, last, zone)));
        out.put("dailyHits", text(q.dailyHits(first, last, zone)));
        for (TimeRange range : List.of(all, week, partial)) {
            String r = " " + range;
            out.put("endpointBoxes" + r, text(q.endpointBoxes(range)));
            out.put("versionUsage" + r, text(q.versionUsage(range)));
            out.put("compare intervals" + r, text(reports.compare(new ReportSide(null, new TimeRange(range.from(),
                    range.from().plusSeconds(4 * 86_400))), new ReportSide(null, range))));
            for (int v = 1; v < versions.size(); v++) {
                out.put("compare " + versions.get(v) + r, text(reports.compare(new ReportSide(versions.get(v - 1), range),
                        new ReportSide(versions.get(v), range))));
            }
            for (String e : endpoints) {
                String of = " " + e + r;
                out.put("versionBoxes" + of, text(q.versionBoxes(e, range)));
                out.put("userBoxes" + of, text(q.userBoxes(e, range, null, new TopN(3, TopN.Order.REQUESTS))));
                out.put("userBoxes slowest" + of, text(q.userBoxes(e, range, null, new TopN(2, TopN.Order.SLOWEST))));
                out.put("bubbles USER" + of, text(q.bubbles(e, range, Dimension.USER, new TopN(3, TopN.Order.REQUESTS))));
                out.put("bubbles IP" + of, text(q.bubbles(e, range, Dimension.IP, new TopN(4, TopN.Order.SLOWEST))));
                out.put("statusCodes" + of, text(q.statusCodes(e, range, 1).codes()));
                out.put("filterChoices" + of, text(q.filterChoices(e, range, 3)));
                for (String v : versions) {
                    out.put("userBoxes " + v + of, text(q.userBoxes(e, range, v, new TopN(3, TopN.Order.REQUESTS))));
                }
                for (String u : users) {
                    String ofUser = " of " + u + of;
                    out.put("versionBoxes" + ofUser, text(q.versionBoxes(e, range, u)));
                    out.put("statusCodes" + ofUser, text(q.statusCodes(e, range, 1, u).codes()));
                }
            }
        }
        for (String e : endpoints) {
            out.put("endpointHeatmap " + e, text(q.endpointHeatmap(e, first, last, zone)));
            out.put("lastTwoDays " + e, text(q.lastTwoDays(e, zone)));
            for (String u : users) {
                out.put("endpointHeatmap of " + u + " " + e, text(q.endpointHeatmap(e, first, last, zone, u)));
                out.put("lastTwoDays of " + u + " " + e, text(q.lastTwoDays(e, zone, u)));
            }
        }
        return out;
    }

    /** Records component by component, arrays element by element, maps in key order. */
    static String text(Object o) {
        StringBuilder sb = new StringBuilder();
        append(sb, o);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Object o) {
        if (o == null) {
            sb.append("null");
        } else if (o.getClass().isRecord()) {
            sb.append(o.getClass().getSimpleName()).append('[');
            RecordComponent[] components = o.getClass().getRecordComponents();
            for (int i = 0; i < components.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=');
                try {
                    append(sb, components[i].getAccessor().invoke(o));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            sb.append(']');
        } else if (o.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(o); i++) {
                items.add(Array.get(o, i));
            }
            append(sb, items);
        } else if (o instanceof Collection<?> items) {
            sb.append('[');
            boolean firstItem = true;
            for (Object item : items) {
                sb.append(firstItem ? "" : ", ");
                append(sb, item);
                firstItem = false;
            }
            sb.append(']');
        } else if (o instanceof Map<?, ?> map) {
            SortedMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
            sb.append('{');
            sorted.forEach((k, v) -> {
                sb.append(k).append('=');
                append(sb, v);
                sb.append("; ");
            });
            sb.append('}');
        } else {
            sb.append(o);
        }
    }
}
