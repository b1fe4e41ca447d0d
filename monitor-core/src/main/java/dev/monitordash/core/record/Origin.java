package dev.monitordash.core.record;

/** Where records come from: the same for every record a JVM writes. */
public record Origin(String version, String service, String instance) {
}
