package dev.monitordash.ui.api;

import dev.monitordash.core.query.BoxPlot;
import dev.monitordash.core.query.DailyHits;
import dev.monitordash.core.query.HourStats;
import dev.monitordash.core.query.HourlyHeatmap;
import dev.monitordash.core.query.StatusCodes;
import dev.monitordash.core.query.StoredRequest;
import dev.monitordash.core.query.VersionBox;
import dev.monitordash.core.query.VersionUsage;

import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of the analytics routes where the query layer's results hold what JSON cannot say
 * directly: dates and instants become ISO-8601 strings, NaN becomes null. Everything else the query
 * layer returns is sent as it is.
 */
final class AnalyticsViews {

    private AnalyticsViews() {
    }

    record Heatmap(String zone, String from, String to, List<String> days, List<long[]> counts, long total) {
    }

    /** {@code counts[i][h]}: requests on {@code days[i]} at local hour {@code h}. */
    static Heatmap heatmap(HourlyHeatmap h) {
        List<String> days = h.days().stream().map(d -> d.date().toString()).toList();
        return new Heatmap(h.zone(), days.get(0), days.get(days.size() - 1), days,
                h.days().stream().map(HourlyHeatmap.Day::hours).toList(), h.total());
    }

    record Daily(String zone, List<String> days, List<DailyHits.Series> endpoints) {
    }

    static Daily daily(String zone, DailyHits d) {
        return new Daily(zone, d.days().stream().map(Object::toString).toList(), d.endpoints());
    }

    record Hour(String start, long requests, Double minMillis, Double meanMillis, Double maxMillis) {
    }

    record Hourly(String endpoint, String zone, List<Hour> hours) {
    }

    static Hourly hourly(String endpoint, String zone, List<HourStats> hours) {
        return new Hourly(endpoint, zone, hours.stream().map(h -> new Hour(h.start().toString(), h.requests(),
                finite(h.minMillis()), finite(h.meanMillis()), finite(h.maxMillis()))).toList());
    }

    record Version(String version, String firstSeen, BoxPlot box) {
    }

    record Versions(String endpoint, List<Version> versions) {
    }

    static Versions versions(String endpoint, List<VersionBox> boxes) {
        return new Versions(endpoint, boxes.stream()
                .map(v -> new Version(v.version(), EndpointRows.iso(v.firstSeen()), v.box())).toList());
    }

    record Usage(List<String> versions, Map<String, String> firstSeen, List<VersionUsage.Cell> cells) {
    }

    static Usage usage(VersionUsage u) {
        Map<String, String> firstSeen = new java.util.LinkedHashMap<>(); // null values: Map.of refuses them
        u.firstSeen().forEach((version, seen) -> firstSeen.put(version, EndpointRows.iso(seen)));
        return new Usage(u.versions(), firstSeen, u.cells());
    }

    record Request(String endpoint, String startedAt, double durationMillis, String method, int status,
            String version, String user, String clientIp, String service, String instance) {
    }

    static Request request(StoredRequest r) {
        return new Request(r.endpoint(), r.startedAt().toString(), r.durationMillis(), r.method(), r.status(),
                r.version(), r.user(), r.clientIp(), r.service(), r.instance());
    }

    record Status(String endpoint, List<StatusCodes.Count> codes, List<Request> failed) {
    }

    static Status status(String endpoint, StatusCodes s) {
        return new Status(endpoint, s.codes(), s.failed().stream().map(AnalyticsViews::request).toList());
    }

    static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
