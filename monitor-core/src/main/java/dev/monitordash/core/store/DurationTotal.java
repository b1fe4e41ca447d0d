package dev.monitordash.core.store;

/** How many requests of an endpoint are stored, and their summed duration in microseconds. */
public record DurationTotal(String endpoint, long count, long totalMicros) {
}
