package dev.monitordash.core.endpoint;

/**
 * Monitoring levels of an endpoint, as in Flask-MonitoringDashboard: each level adds to the one below.
 * Plain ints rather than an enum so the filter compares a volatile int on its hot path.
 */
public final class MonitoringLevel {
    /** Not monitored: the filter does one map lookup and calls the chain. */
    public static final int OFF = 0;
    /** Execution time, status, user, version of every request. */
    public static final int PERFORMANCE = 1;
    /** Adds outlier capture (stacks, request data, system state) for slow requests. */
    public static final int OUTLIERS = 2;
    /** Adds the sampling profiler. */
    public static final int PROFILER = 3;

    private MonitoringLevel() {
    }

    public static boolean isValid(int level) {
        return level >= OFF && level <= PROFILER;
    }
}
