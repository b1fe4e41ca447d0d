package dev.monitordash.core.query;

import java.time.ZoneId;
import java.util.List;

/**
 * The one query layer behind the dashboard: each page's API asks here, never SQL directly, so that
 * rollups can later replace raw scans without touching the API.
 */
public interface DashboardQueries {

    /** Per endpoint: hits today / last 7 days / all time, median, errors, last request. */
    List<OverviewRow> overview(ZoneId zone);

    /**
     * The analytics pages' queries (heatmaps, box plots, report, export). A default so that stores
     * answering only the overview (test doubles, benchmarks) stay one-method lambdas; the JDBC store
     * answers all of them.
     */
    default AnalyticsQueries analytics() {
        throw new UnsupportedOperationException("this store answers the overview only");
    }
}
