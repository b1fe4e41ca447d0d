package dev.monitordash.core.report;

import dev.monitordash.core.query.AnalyticsQueries;
import dev.monitordash.core.query.ReportSide;

import java.util.Objects;

/**
 * The version report: two versions, or two intervals, compared for every endpoint with requests on both
 * sides ({@link Comparison} says how). Reads rollups only: the sides' sketches for every endpoint, then the
 * hours and users of the endpoints that changed.
 */
public final class Reports {

    private final AnalyticsQueries queries;
    private final ReportSettings settings;

    public Reports(AnalyticsQueries queries, ReportSettings settings) {
        this.queries = Objects.requireNonNull(queries, "queries");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public ReportSettings settings() {
        return settings;
    }

    public Report compare(ReportSide before, ReportSide after) {
        return Comparison.analyse(before, after, queries.reportTimes(before, after), settings,
                endpoints -> queries.reportDetails(endpoints, before, after));
    }
}
