package dev.monitordash.core.resource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * This instance's recent resource samples, in memory: what an alert condition on CPU, memory, heap, disk or
 * threads reads every evaluation without touching the store. Holds the last hour at least (at the default
 * period of 10 s, 360 samples); longer ranges and other instances are in the store
 * ({@link ResourceStore#history}).
 */
public interface ResourceSeries {

    /** The newest sample; empty before the first (or with sampling off). */
    Optional<ResourceSample> latest();

    /** The samples of the last {@code window} (newest last), up to what is held. */
    List<ResourceSample> window(Duration window);

    /** The mean of a figure over the last {@code window}; NaN when no sample there has it. */
    default double mean(ResourceMetric metric, Duration window) {
        double sum = 0;
        int n = 0;
        for (ResourceSample s : window(window)) {
            double v = s.value(metric);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** No samples: sampling is off. */
    ResourceSeries NONE = new ResourceSeries() {
        @Override
        public Optional<ResourceSample> latest() {
            return Optional.empty();
        }

        @Override
        public List<ResourceSample> window(Duration window) {
            return List.of();
        }
    };
}
