package dev.monitordash.core.query;

import dev.monitordash.core.rollup.DurationSketch;

import java.util.Objects;

/**
 * The execution times of one group of requests (one side of an endpoint, an instance, a user) as the
 * report reads them: the exact count and sum, and the merged sketch of the durations.
 *
 * @param name        the group's name: an instance, a user (null: requests without a user), or null
 * @param totalMicros summed durations, µs: the mean is exact
 * @param sketch      every duration within 1 %; holds fewer than {@code requests} when a stored sketch was
 *                    unreadable (the read is then partial)
 */
public record GroupTimes(String name, long requests, long totalMicros, DurationSketch sketch) {

    public GroupTimes {
        Objects.requireNonNull(sketch, "sketch");
    }

    /** Mean in ms; NaN without requests. */
    public double meanMillis() {
        return requests == 0 ? Double.NaN : totalMicros / (double) requests / 1_000.0;
    }

    /** The groups merged into one of the given name. */
    public static GroupTimes merge(String name, Iterable<GroupTimes> groups) {
        DurationSketch sketch = new DurationSketch();
        long requests = 0;
        long total = 0;
        for (GroupTimes g : groups) {
            sketch.merge(g.sketch());
            requests += g.requests();
            total += g.totalMicros();
        }
        return new GroupTimes(name, requests, total, sketch);
    }
}
