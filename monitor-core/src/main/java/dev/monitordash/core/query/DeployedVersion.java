package dev.monitordash.core.query;

import java.time.Instant;

/** A version the application ran, with when it was first seen. */
public record DeployedVersion(String name, Instant firstSeen) {
}
