package dev.monitordash.core.store;

import java.time.Instant;
import java.util.Set;

/**
 * An endpoint as the store knows it: its level survives restarts, and the rules table shows the rest.
 *
 * @param name          route template
 * @param handler       servlet name or controller; may be null
 * @param level         monitoring level 0-3
 * @param methods       HTTP methods seen so far
 * @param firstSeen     when it was first discovered or requested
 * @param firstVersion  the app version running then
 * @param lastRequested last monitored request, null if never
 */
public record StoredEndpoint(String name, String handler, int level, Set<String> methods, Instant firstSeen,
        String firstVersion, Instant lastRequested) {
}
