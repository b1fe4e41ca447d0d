package dev.monitordash.core.outlier;

import java.util.Arrays;

/**
 * The last N durations of one endpoint, for the percentile threshold rule: a ring buffer that grows up to
 * N as values arrive (an endpoint with a handful of requests costs a handful of longs). Writer thread only.
 */
final class RecentDurations {

    private final int capacity;
    private long[] values = new long[16];
    private int size;
    private int next; // where the next value goes once full

    RecentDurations(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    void add(long nanos) {
        if (size < capacity) {
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.min(capacity, values.length * 2));
            }
            values[size++] = nanos;
            return;
        }
        values[next] = nanos;
        next = (next + 1) % capacity;
    }

    int size() {
        return size;
    }

    /** The held values, sorted ascending (a copy). */
    long[] sorted() {
        long[] copy = Arrays.copyOf(values, size);
        Arrays.sort(copy);
        return copy;
    }
}
