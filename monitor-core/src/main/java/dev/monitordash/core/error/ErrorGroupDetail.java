package dev.monitordash.core.error;

import java.time.Instant;
import java.util.List;

/**
 * One cause with its sample stack and where it occurred: per version (all stored, oldest first) and per
 * endpoint (within the range).
 */
public record ErrorGroupDetail(ErrorGroup group, String stack, List<VersionCount> versions,
        List<EndpointCount> endpoints) {

    /** A cause in one version: how often, first and last occurrence (to the microsecond). */
    public record VersionCount(String version, long occurrences, Instant firstSeen, Instant lastSeen) {
    }

    public record EndpointCount(String endpoint, long occurrences) {
    }
}
