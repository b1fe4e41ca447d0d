package dev.monitordash.core.resource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A ring of the last {@code capacity} samples. One thread adds; any thread reads (a read copies under the
 * same short lock, a few hundred references at most).
 */
final class RecentSamples implements ResourceSeries {

    private final ResourceSample[] ring;
    private int next;
    private int size;

    RecentSamples(int capacity) {
        this.ring = new ResourceSample[capacity];
    }

    synchronized void add(ResourceSample s) {
        ring[next] = s;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
    }

    @Override
    public synchronized Optional<ResourceSample> latest() {
        return size == 0 ? Optional.empty() : Optional.of(ring[(next - 1 + ring.length) % ring.length]);
    }

    @Override
    public synchronized List<ResourceSample> window(Duration window) {
        List<ResourceSample> out = new ArrayList<>();
        if (size == 0) {
            return out;
        }
        Instant newest = ring[(next - 1 + ring.length) % ring.length].at();
        Instant from = newest.minus(window);
        for (int i = 0; i < size; i++) {
            ResourceSample s = ring[(next - size + i + ring.length) % ring.length];
            if (s.at().isAfter(from)) {
                out.add(s);
            }
        }
        return out;
    }
}
