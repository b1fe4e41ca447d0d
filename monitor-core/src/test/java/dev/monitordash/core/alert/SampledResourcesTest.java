package dev.monitordash.core.alert;

import dev.monitordash.core.resource.ResourceMetric;
import dev.monitordash.core.resource.ResourceSample;
import dev.monitordash.core.resource.ResourceSeries;
import dev.monitordash.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class SampledResourcesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final List<ResourceSample> samples = new ArrayList<>();
    private final ResourceSeries series = new ResourceSeries() {
        @Override
        public Optional<ResourceSample> latest() {
            return samples.isEmpty() ? Optional.empty() : Optional.of(samples.get(samples.size() - 1));
        }

        @Override
        public List<ResourceSample> window(Duration window) {
            if (samples.isEmpty()) {
                return List.of();
            }
            Instant from = latest().orElseThrow().at().minus(window);
            return samples.stream().filter(s -> s.at().isAfter(from)).toList();
        }
    };
    private final Map<Metric, Double> direct = new EnumMap<>(Map.of(Metric.CPU, 3.0));
    private final SampledResources readings = new SampledResources(series, () -> Map.copyOf(direct), clock);

    private void sample(int secondsAgo, double cpu, double memoryUsed, double heapUsed) {
        double[] v = new double[ResourceMetric.values().length];
        Arrays.fill(v, Double.NaN);
        v[ResourceMetric.HOST_CPU.ordinal()] = cpu;
        v[ResourceMetric.HOST_MEMORY_USED.ordinal()] = memoryUsed;
        v[ResourceMetric.HOST_MEMORY_TOTAL.ordinal()] = 1_000;
        v[ResourceMetric.HEAP_USED.ordinal()] = heapUsed;
        v[ResourceMetric.HEAP_MAX.ordinal()] = 200;
        v[ResourceMetric.THREADS_LIVE.ordinal()] = 40;
        samples.add(new ResourceSample(clock.instant().minusSeconds(secondsAgo), v, new double[0]));
    }

    @Test
    void aRuleSeesTheMeanOfItsWindowNotOneInstant() {
        sample(590, 10, 100, 20);  // outside a 5-minute window, inside a 10-minute one
        sample(240, 90, 850, 100);
        sample(120, 70, 750, 60);
        sample(0, 80, 800, 80);

        Map<Metric, Double> five = readings.read(Duration.ofMinutes(5));
        assertEquals(80.0, five.get(Metric.CPU));
        assertEquals(80.0, five.get(Metric.MEMORY));
        assertEquals(40.0, five.get(Metric.HEAP), "heap used of its maximum");
        assertEquals(40.0, five.get(Metric.THREADS));
        assertFalse(five.containsKey(Metric.DISK), "not sampled: no data, not 0");
        assertEquals(62.5, readings.read(Duration.ofMinutes(10)).get(Metric.CPU));
    }

    @Test
    void withoutARecentSampleTheDirectReadingAnswers() {
        assertEquals(Map.of(Metric.CPU, 3.0), readings.read(Duration.ofMinutes(5)), "nothing sampled yet");
        sample(0, 90, 500, 50);
        clock.advance(Duration.ofMinutes(6)); // the sampler stopped: its last figure must not fire a rule forever
        assertEquals(Map.of(Metric.CPU, 3.0), readings.read(Duration.ofMinutes(5)));
    }
}
