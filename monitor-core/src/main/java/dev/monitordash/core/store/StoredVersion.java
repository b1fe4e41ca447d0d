package dev.monitordash.core.store;

import java.time.Instant;
import java.util.List;

/**
 * A version as the store knows it; the seed prints the first-seen time beside each version's box plot.
 *
 * @param name       what requests are tagged with
 * @param firstSeen  when an instance first started with this version
 * @param commit     full git commit id, null when not from git
 * @param commitTime commit time, null when not from git
 * @param tags       git tags pointing at the commit
 */
public record StoredVersion(String name, Instant firstSeen, String commit, Instant commitTime, List<String> tags) {
}
