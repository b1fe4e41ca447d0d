package dev.monitordash.core.query;

/** An endpoint with requests on both sides of a report. */
public record EndpointTimes(String endpoint, SideTimes before, SideTimes after) {
}
