package dev.monitordash.core.version;

import java.time.Instant;
import java.util.List;

/**
 * The version of the running application.
 *
 * @param name       what records are tagged with (see {@link VersionDetector} for where it comes from), else
 *                   {@code unknown}
 * @param commit     full commit id; null when the source does not tell (configured, build-info, manifest)
 * @param tags       tags pointing at the commit
 * @param commitTime when the version was made: the commit time (git, git.properties) or the build time
 *                   (build-info.properties); null when the source does not tell
 * @param source     where the name came from
 */
public record VersionInfo(String name, String commit, List<String> tags, Instant commitTime, Source source) {

    public static final String UNKNOWN = "unknown";

    /** In the order they are tried: the first that names a version wins. */
    public enum Source { CONFIGURED, BUILD_INFO, GIT_PROPERTIES, MANIFEST, GIT, UNKNOWN }

    public static VersionInfo unknown() {
        return new VersionInfo(UNKNOWN, null, List.of(), null, Source.UNKNOWN);
    }
}
