package dev.monitordash.ui.api;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.resource.ResourceHistory;
import dev.monitordash.core.resource.ResourceMetric;
import dev.monitordash.core.resource.ResourceSummary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of {@code api/resources}: per instance one array of times (epoch milliseconds, the start
 * of each point) and, per figure, one array of values in the same order, so a chart takes them as they
 * are. A figure a point does not have is null (the chart leaves a gap).
 */
final class ResourceViews {

    /** Figures whose peak within a point matters beside its mean: a 2-minute point hides a 10 s spike. */
    static final List<ResourceMetric> WITH_MAX = List.of(ResourceMetric.HOST_CPU, ResourceMetric.PROCESS_CPU,
            ResourceMetric.HEAP_USED, ResourceMetric.GC_TIME);

    private ResourceViews() {
    }

    record Metric(String id, String unit, String label) {
    }

    record Series(String service, String instance, List<Long> times, Map<String, List<Double>> values,
            Map<String, List<Double>> max, List<List<Double>> cores) {
    }

    /**
     * @param range        the range's name, null when given by from/to
     * @param instance     the name of the instance serving this answer (the page marks it)
     * @param periodSeconds the sampling period of this instance; 0 when it does not sample
     */
    record View(String range, String from, String to, long stepSeconds, String timezone, String instance,
            long periodSeconds, List<Metric> metrics, List<Series> instances) {
    }

    static View of(String range, ResourceHistory h, Monitor monitor) {
        List<Metric> metrics = new ArrayList<>();
        for (ResourceMetric m : ResourceMetric.values()) {
            metrics.add(new Metric(m.id(), m.unit().id(), m.label()));
        }
        List<Series> series = new ArrayList<>();
        for (ResourceHistory.Series s : h.instances()) {
            series.add(series(s));
        }
        return new View(range, h.from().toString(), h.to().toString(), h.stepSeconds(),
                monitor.config().timezone().getId(), monitor.config().instanceName(),
                monitor.config().resourcesPeriod().toSeconds(), metrics, series);
    }

    private static Series series(ResourceHistory.Series s) {
        List<ResourceHistory.Point> points = s.points();
        List<Long> times = new ArrayList<>(points.size());
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Map<String, List<Double>> max = new LinkedHashMap<>();
        for (ResourceMetric m : ResourceMetric.values()) {
            values.put(m.id(), new ArrayList<>(points.size()));
        }
        for (ResourceMetric m : WITH_MAX) {
            max.put(m.id(), new ArrayList<>(points.size()));
        }
        int cores = 0;
        for (ResourceHistory.Point p : points) {
            cores = Math.max(cores, p.summary().coreMeans().length);
        }
        List<List<Double>> perCore = new ArrayList<>();
        for (int i = 0; i < cores; i++) {
            perCore.add(new ArrayList<>(points.size()));
        }
        for (ResourceHistory.Point p : points) {
            ResourceSummary summary = p.summary();
            times.add(p.at().toEpochMilli());
            for (ResourceMetric m : ResourceMetric.values()) {
                values.get(m.id()).add(orNull(summary.mean(m)));
            }
            for (ResourceMetric m : WITH_MAX) {
                max.get(m.id()).add(orNull(summary.max(m)));
            }
            double[] means = summary.coreMeans();
            for (int i = 0; i < cores; i++) {
                perCore.get(i).add(i < means.length ? orNull(means[i]) : null);
            }
        }
        return new Series(s.service(), s.instance(), times, values, max, perCore);
    }

    /** Rounded to what a chart shows: 4 significant digits keep the answer small. */
    private static Double orNull(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return null;
        }
        if (v == 0) {
            return 0.0;
        }
        double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(v))));
        return Math.round(v * scale) / scale;
    }
}
