package dev.monitordash.core.version;

import dev.monitordash.core.config.MonitorConfig;

/**
 * Finds the running application's version: a configured version wins; otherwise JGit reads HEAD of the
 * configured git directory, or of the first {@code .git} found from the working directory upward.
 * Neither: {@link VersionInfo#unknown()} and one warning, never an exception.
 */
public final class VersionDetector {

    private VersionDetector() {
    }

    public static VersionInfo detect(MonitorConfig config) {
        // TODO(config/version helper): JGit detection.
        return config.appVersion()
                .map(v -> new VersionInfo(v, null, java.util.List.of(), null, VersionInfo.Source.CONFIGURED))
                .orElseGet(VersionInfo::unknown);
    }
}
