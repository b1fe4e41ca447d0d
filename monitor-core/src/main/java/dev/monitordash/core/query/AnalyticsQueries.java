package dev.monitordash.core.query;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The queries behind the analytics pages (seed chapter 3, figures 3.2a-f, and chapter 5). Every method
 * reads one consistent snapshot; an endpoint name the store does not know fails with
 * {@link UnknownEndpointException}, a store failure with {@link dev.monitordash.core.store.StoreException}.
 * Times in results are milliseconds; days and hours are those of the zone passed in. The per-endpoint
 * charts that take a {@code user} count only that user's requests (null: all requests); requests recorded
 * without a user are selected by no user, only by null.
 */
public interface AnalyticsQueries {

    /** Fails with {@link UnknownEndpointException} unless the store has recorded this endpoint. */
    void requireEndpoint(String endpoint);

    /** Hour of day × day heatmap of one endpoint, days {@code first..last} inclusive (fig. 3.2a). */
    default HourlyHeatmap endpointHeatmap(String endpoint, LocalDate first, LocalDate last, ZoneId zone) {
        return endpointHeatmap(endpoint, first, last, zone, null);
    }

    /** The heatmap of one user's requests of the endpoint (null: all). */
    HourlyHeatmap endpointHeatmap(String endpoint, LocalDate first, LocalDate last, ZoneId zone, String user);

    /** Hour of day × day heatmap of all endpoints together. */
    HourlyHeatmap loadHeatmap(LocalDate first, LocalDate last, ZoneId zone);

    /** Requests per endpoint and day. */
    DailyHits dailyHits(LocalDate first, LocalDate last, ZoneId zone);

    /** The current local hour and the 47 before it: requests and min/mean/max (fig. 3.2b, 3.2c). */
    default List<HourStats> lastTwoDays(String endpoint, ZoneId zone) {
        return lastTwoDays(endpoint, zone, null);
    }

    /** The last two days of one user's requests of the endpoint (null: all). */
    List<HourStats> lastTwoDays(String endpoint, ZoneId zone, String user);

    /** One box per version, first seen first (fig. 3.2d, 5.5). */
    default List<VersionBox> versionBoxes(String endpoint, TimeRange range) {
        return versionBoxes(endpoint, range, null);
    }

    /** One box per version of one user's requests (null: all); only the versions the user used. */
    List<VersionBox> versionBoxes(String endpoint, TimeRange range, String user);

    /** One box per endpoint with requests (API performance). */
    List<BoxPlot> endpointBoxes(TimeRange range);

    /** One box per shown user, optionally of one version (null: all) (fig. 3.2f, 5.6). */
    GroupBoxes userBoxes(String endpoint, TimeRange range, String version, TopN top);

    /** User × version or client address × version bubbles (fig. 3.2e, 5.4, 5.11). */
    BubbleChart bubbles(String endpoint, TimeRange range, Dimension dimension, TopN top);

    /** Status code counts and up to {@code failedLimit} most recent failed requests. */
    default StatusCodes statusCodes(String endpoint, TimeRange range, int failedLimit) {
        return statusCodes(endpoint, range, failedLimit, null);
    }

    /** Status codes and recent failures of one user's requests (null: all). */
    StatusCodes statusCodes(String endpoint, TimeRange range, int failedLimit, String user);

    /** The users (the {@code maxUsers} with most requests) and versions the endpoint's filters offer. */
    FilterChoices filterChoices(String endpoint, TimeRange range, int maxUsers);

    /** Endpoint × version share of hits. */
    VersionUsage versionUsage(TimeRange range);

    /**
     * What the version report compares (dev.monitordash.core.report.Reports): every endpoint with
     * requests on both sides, by name, with its times, status classes and instances per side.
     */
    List<EndpointTimes> reportTimes(ReportSide before, ReportSide after);

    /** One endpoint's times per hour of the day and per user on both sides, to check a change's confounders. */
    ReportDetail reportDetail(String endpoint, ReportSide before, ReportSide after);

    /**
     * {@link #reportDetail} of several endpoints, by name: the report asks once for all that changed, so a
     * store can read each side's hours in one pass instead of one per endpoint.
     */
    default java.util.Map<String, ReportDetail> reportDetails(java.util.Collection<String> endpoints,
            ReportSide before, ReportSide after) {
        java.util.Map<String, ReportDetail> out = new java.util.LinkedHashMap<>();
        for (String endpoint : endpoints) {
            out.put(endpoint, reportDetail(endpoint, before, after));
        }
        return out;
    }

    /** Every version the store knows, first seen first. */
    List<DeployedVersion> deployedVersions();

    /**
     * Streams the requests of one endpoint (or all: null) in the range to the sink, oldest first,
     * without holding them in memory. Returns how many were sent.
     *
     * @throws IOException when the sink fails (the client went away)
     */
    long export(String endpoint, TimeRange range, RequestSink sink) throws IOException;

    /** How many requests {@link #export} sends for the same endpoint (null: all) and range. */
    long countRequests(String endpoint, TimeRange range);

    /**
     * When the oldest raw request still stored started: raw rows (what {@link #export} sends) are kept for
     * {@code monitordash.retention.requests}, the charts' rollups much longer. Empty when none is stored.
     */
    default java.util.Optional<java.time.Instant> oldestRequest() {
        return java.util.Optional.empty();
    }
}
