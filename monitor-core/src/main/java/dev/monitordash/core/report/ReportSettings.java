package dev.monitordash.core.report;

import dev.monitordash.core.config.MonitorConfig;

/**
 * What the report calls a change.
 *
 * @param minEffect         smallest relative change of a quantile worth reporting (0.05: 5 %); with every
 *                          request tested, a busy endpoint's 1 % drift is "significant" but not news
 * @param minRequests       requests a side an endpoint needs to be tested at all; below, "not enough data"
 * @param falseDiscoveryRate expected share of false findings among the report's findings (Benjamini-Hochberg)
 */
public record ReportSettings(double minEffect, long minRequests, double falseDiscoveryRate) {

    public static final double DEFAULT_MIN_EFFECT = 0.05;
    public static final long DEFAULT_MIN_REQUESTS = 100;
    public static final double FALSE_DISCOVERY_RATE = 0.05;
    /** The median's test needs 10 requests a side above it, so 20 a side at least. */
    public static final long MIN_REQUESTS_FLOOR = 20;

    public ReportSettings {
        if (!(minEffect >= 0 && minEffect < 10)) {
            throw new IllegalArgumentException("minimum effect " + minEffect + " must be from 0 to 10");
        }
        if (minRequests < MIN_REQUESTS_FLOOR) {
            throw new IllegalArgumentException("minimum requests " + minRequests + " must be at least "
                    + MIN_REQUESTS_FLOOR);
        }
        if (!(falseDiscoveryRate > 0 && falseDiscoveryRate < 1)) {
            throw new IllegalArgumentException("false discovery rate " + falseDiscoveryRate + " must be in (0, 1)");
        }
    }

    public static ReportSettings defaults() {
        return new ReportSettings(DEFAULT_MIN_EFFECT, DEFAULT_MIN_REQUESTS, FALSE_DISCOVERY_RATE);
    }

    public static ReportSettings of(MonitorConfig config) {
        return new ReportSettings(config.reportMinEffect(), config.reportMinRequests(), FALSE_DISCOVERY_RATE);
    }

    /** Whether a ratio after/before is a change of at least the minimum effect, either way. */
    boolean relevant(double ratio) {
        return ratio >= 1 + minEffect - 1e-12 || ratio <= 1 / (1 + minEffect) + 1e-12;
    }
}
