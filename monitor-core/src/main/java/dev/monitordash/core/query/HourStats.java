package dev.monitordash.core.query;

import java.time.Instant;

/**
 * One local hour of an endpoint (seed fig. 3.2b and 3.2c).
 *
 * @param start      the instant the local hour begins
 * @param requests   requests started in it
 * @param minMillis  shortest execution time, NaN without requests
 * @param meanMillis mean execution time, NaN without requests
 * @param maxMillis  longest execution time, NaN without requests
 */
public record HourStats(Instant start, long requests, double minMillis, double meanMillis, double maxMillis) {
}
