package dev.monitordash.core.alert;

import java.util.Map;

/**
 * "A new version made an endpoint significantly slower": what the version-slowdown rule asks of the
 * version report. One small interface so that the report's code can change behind its adapter
 * ({@link ReportRegressions}).
 */
public interface VersionRegressions {

    /**
     * For the newest version with enough requests, compared with the version before it: each endpoint the
     * report's rank test finds significantly slower, with the two versions and how much slower its median is, in percent.
     * Empty when there is no such pair of versions or nothing is slower.
     */
    Map<String, Slowdown> slowerEndpoints();

    /** An endpoint's median in {@code version} is {@code percent} % above its median in {@code baseline}. */
    record Slowdown(String baseline, String version, double percent) {
    }
}
