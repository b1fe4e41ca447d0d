package dev.monitordash.core.query;

import java.util.Objects;

/**
 * One side of a report's comparison: the requests in a range, of one version or of all (null).
 */
public record ReportSide(String version, TimeRange range) {

    public ReportSide {
        Objects.requireNonNull(range, "range");
    }
}
