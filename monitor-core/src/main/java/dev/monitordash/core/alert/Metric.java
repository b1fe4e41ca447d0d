package dev.monitordash.core.alert;

import java.util.Locale;
import java.util.Optional;

/**
 * What a rule watches. Request metrics are computed per endpoint over the rule's window; resource metrics
 * are read from this instance's host and JVM at each evaluation; the version metric comes from the
 * version report's rank test; new errors from the causes the store grouped (first seen within the window).
 */
public enum Metric {
    P50("p50", Source.REQUESTS, Unit.MILLISECONDS, "median response time"),
    P95("p95", Source.REQUESTS, Unit.MILLISECONDS, "95th percentile response time"),
    P99("p99", Source.REQUESTS, Unit.MILLISECONDS, "99th percentile response time"),
    ERROR_RATE("error_rate", Source.REQUESTS, Unit.PERCENT, "share of requests answered 5xx (or that threw)"),
    REQUEST_RATE("request_rate", Source.REQUESTS, Unit.PER_MINUTE, "requests per minute"),
    OUTLIERS("outliers", Source.REQUESTS, Unit.PER_MINUTE, "outliers captured per minute (level 2)"),
    CPU("cpu", Source.RESOURCE, Unit.PERCENT, "host CPU use"),
    MEMORY("memory", Source.RESOURCE, Unit.PERCENT, "host memory in use"),
    HEAP("heap", Source.RESOURCE, Unit.PERCENT, "JVM heap used, of its maximum"),
    DISK("disk", Source.RESOURCE, Unit.PERCENT, "use of the volume holding the store (or the working directory)"),
    THREADS("threads", Source.RESOURCE, Unit.COUNT, "live JVM threads"),
    VERSION_SLOWDOWN("version_slowdown", Source.VERSION, Unit.PERCENT,
            "how much slower (median) the newest version is than the one before, where the rank test says"
                    + " significantly"),
    NEW_ERRORS("new_errors", Source.ERRORS, Unit.COUNT,
            "occurrences of each cause of errors first seen within the window (a new bug, often of a deploy)");

    /** Where a metric's values come from; decides who evaluates it (docs/alerts.md#instances). */
    public enum Source { REQUESTS, RESOURCE, VERSION, ERRORS }

    private final String id;
    private final Source source;
    private final Unit unit;
    private final String description;

    Metric(String id, Source source, Unit unit, String description) {
        this.id = id;
        this.source = source;
        this.unit = unit;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Source source() {
        return source;
    }

    public Unit unit() {
        return unit;
    }

    public String description() {
        return description;
    }

    /** Whether the rule applies to endpoints (and has an endpoint pattern). */
    public boolean perEndpoint() {
        return source == Source.REQUESTS || source == Source.VERSION;
    }

    public static Optional<Metric> of(String id) {
        if (id == null) {
            return Optional.empty();
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Metric m : values()) {
            if (m.id.equals(wanted)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
