package dev.monitordash.core.query;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The one query layer behind the dashboard: each page's API asks here, never SQL directly, so that
 * rollups can later replace raw scans without touching the API. A call over a stored value that cannot be
 * read still answers, without it; whether a call's figures are partial that way is told by
 * {@link PartialReads}, not by its result.
 */
public interface DashboardQueries {

    /** Per endpoint: hits today / last 7 days / all time, median, errors, last request. */
    List<OverviewRow> overview(ZoneId zone);

    /**
     * The endpoint's stored outliers, newest first, at most {@code limit}. Stores that keep no outliers
     * return an empty list.
     */
    default List<OutlierSummary> outliers(String endpoint, int limit) {
        return List.of();
    }

    /**
     * The endpoint's outliers captured in {@code range} (null: all stored), newest first, at most
     * {@code limit}; an endpoint the store does not know fails with {@link UnknownEndpointException}.
     */
    default List<OutlierSummary> outliers(String endpoint, TimeRange range, int limit) {
        return List.of();
    }

    /**
     * CPU load per logical processor across the endpoint's newest {@code limit} outliers captured in
     * {@code range} (null: all stored), one box per processor; unknown endpoint as {@link #outliers(String,
     * TimeRange, int)}.
     */
    default OutlierCpu outlierCpu(String endpoint, TimeRange range, int limit) {
        return new OutlierCpu(endpoint, 0, List.of());
    }

    /** One outlier with everything captured, or empty if there is none with that id (any more). */
    default Optional<OutlierDetail> outlier(long id) {
        return Optional.empty();
    }

    /** The endpoint's stored request profiles (level 3), newest first, at most {@code limit}. */
    default List<ProfileSummary> profiles(String endpoint, int limit) {
        return List.of();
    }

    /** One request's profile (call tree with time per frame), or empty. */
    default Optional<dev.monitordash.core.profile.Profile> profile(long id) {
        return Optional.empty();
    }

    /** The endpoint's last {@code lastN} request profiles merged into one tree. */
    default GroupedProfile groupedProfile(String endpoint, int lastN) {
        return new GroupedProfile(new dev.monitordash.core.profile.Profile(endpoint,
                new dev.monitordash.core.profile.CallTree(), 0, 0), 0);
    }

    /**
     * The analytics pages' queries (heatmaps, box plots, report, export). A default so that stores
     * answering only the overview (test doubles, benchmarks) stay one-method lambdas; the JDBC store
     * answers all of them.
     */
    default AnalyticsQueries analytics() {
        throw new UnsupportedOperationException("this store answers the overview only");
    }
}
