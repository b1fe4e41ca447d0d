package dev.monitordash.core.alert;

import dev.monitordash.core.resource.ResourceMetric;
import dev.monitordash.core.resource.ResourceSample;
import dev.monitordash.core.resource.ResourceSeries;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Resource readings from the monitor's resource series (docs/resources.md): each figure is the mean of the
 * samples of the rule's window, so "CPU above 80 % for 10 minutes" judges a 5-minute window of 30 samples
 * instead of one instant. Until the series holds a sample of the window (just started, sampling stalled),
 * it asks the fallback — the direct OSHI and JVM reading — so that the rules never go blind.
 */
final class SampledResources implements ResourceReadings {

    private final ResourceSeries series;
    private final ResourceReadings fallback;
    private final Clock clock;

    SampledResources(ResourceSeries series, ResourceReadings fallback, Clock clock) {
        this.series = series;
        this.fallback = fallback;
        this.clock = clock;
    }

    @Override
    public Map<Metric, Double> read() {
        return read(AlertRule.MIN_WINDOW);
    }

    @Override
    public Map<Metric, Double> read(Duration window) {
        List<ResourceSample> samples = series.window(window);
        // The series' window ends at its newest sample: a sampler that stopped must not keep old figures alive.
        if (samples.isEmpty() || samples.get(samples.size() - 1).at().isBefore(clock.instant().minus(window))) {
            return fallback.read(window);
        }
        Map<Metric, Double> out = new EnumMap<>(Metric.class);
        put(out, Metric.CPU, samples, s -> s.value(ResourceMetric.HOST_CPU));
        put(out, Metric.MEMORY, samples, s -> s.percent(ResourceMetric.HOST_MEMORY_USED,
                ResourceMetric.HOST_MEMORY_TOTAL));
        put(out, Metric.HEAP, samples, s -> {
            double max = s.value(ResourceMetric.HEAP_MAX);
            return s.percent(ResourceMetric.HEAP_USED, max > 0 ? ResourceMetric.HEAP_MAX
                    : ResourceMetric.HEAP_COMMITTED);
        });
        put(out, Metric.DISK, samples, s -> s.percent(ResourceMetric.DISK_USED, ResourceMetric.DISK_TOTAL));
        put(out, Metric.THREADS, samples, s -> s.value(ResourceMetric.THREADS_LIVE));
        return out;
    }

    /** The mean over the samples that have the figure; left out (no data) when none has. */
    private static void put(Map<Metric, Double> out, Metric metric, List<ResourceSample> samples,
            ToDoubleFunction<ResourceSample> figure) {
        double sum = 0;
        int n = 0;
        for (ResourceSample s : samples) {
            double v = figure.applyAsDouble(s);
            if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                sum += v;
                n++;
            }
        }
        if (n > 0) {
            out.put(metric, Math.round(sum / n * 10) / 10.0);
        }
    }
}
