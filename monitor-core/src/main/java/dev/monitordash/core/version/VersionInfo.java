package dev.monitordash.core.version;

import java.time.Instant;
import java.util.List;

/**
 * The version of the running application.
 *
 * @param name       what records are tagged with: the configured version, else the first tag pointing
 *                   at HEAD, else the short commit hash, else {@code unknown}
 * @param commit     full commit id, null when not from git
 * @param tags       tags pointing at HEAD
 * @param commitTime commit time of HEAD, null when not from git
 * @param source     where the name came from
 */
public record VersionInfo(String name, String commit, List<String> tags, Instant commitTime, Source source) {

    public static final String UNKNOWN = "unknown";

    public enum Source { CONFIGURED, GIT, UNKNOWN }

    public static VersionInfo unknown() {
        return new VersionInfo(UNKNOWN, null, List.of(), null, Source.UNKNOWN);
    }
}
