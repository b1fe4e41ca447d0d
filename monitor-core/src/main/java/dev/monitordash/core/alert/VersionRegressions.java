package dev.monitordash.core.alert;

import java.util.List;

/**
 * "A new version made an endpoint significantly slower": what the version-slowdown rule asks of the
 * version report. One small interface so that the report's code can change behind its adapter
 * ({@link ReportRegressions}).
 */
public interface VersionRegressions {

    /**
     * For each of the newest versions compared with the version before it: each endpoint the report's rank
     * test finds significantly slower, with enough requests on both sides. Empty when nothing is slower.
     */
    List<Slowdown> slowerEndpoints();

    /** The endpoint's median in {@code version} is {@code percent} % above its median in {@code baseline}. */
    record Slowdown(String endpoint, String baseline, String version, double percent) {
    }
}
