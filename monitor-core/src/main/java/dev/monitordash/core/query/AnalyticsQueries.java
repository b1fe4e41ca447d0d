package dev.monitordash.core.query;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The queries behind the analytics pages (seed chapter 3, figures 3.2a-f, and chapter 5). Every method
 * reads one consistent snapshot; an endpoint name the store does not know fails with
 * {@link UnknownEndpointException}, a store failure with {@link dev.monitordash.core.store.StoreException}.
 * Times in results are milliseconds; days and hours are those of the zone passed in.
 */
public interface AnalyticsQueries {

    /** Fails with {@link UnknownEndpointException} unless the store has recorded this endpoint. */
    void requireEndpoint(String endpoint);

    /** Hour of day × day heatmap of one endpoint, days {@code first..last} inclusive (fig. 3.2a). */
    HourlyHeatmap endpointHeatmap(String endpoint, LocalDate first, LocalDate last, ZoneId zone);

    /** Hour of day × day heatmap of all endpoints together. */
    HourlyHeatmap loadHeatmap(LocalDate first, LocalDate last, ZoneId zone);

    /** Requests per endpoint and day. */
    DailyHits dailyHits(LocalDate first, LocalDate last, ZoneId zone);

    /** The current local hour and the 47 before it: requests and min/mean/max (fig. 3.2b, 3.2c). */
    List<HourStats> lastTwoDays(String endpoint, ZoneId zone);

    /** One box per version, first seen first (fig. 3.2d, 5.5). */
    List<VersionBox> versionBoxes(String endpoint, TimeRange range);

    /** One box per endpoint with requests (API performance). */
    List<BoxPlot> endpointBoxes(TimeRange range);

    /** One box per shown user, optionally of one version (null: all) (fig. 3.2f, 5.6). */
    GroupBoxes userBoxes(String endpoint, TimeRange range, String version, TopN top);

    /** User × version or client address × version bubbles (fig. 3.2e, 5.4, 5.11). */
    BubbleChart bubbles(String endpoint, TimeRange range, Dimension dimension, TopN top);

    /** Status code counts and up to {@code failedLimit} most recent failed requests. */
    StatusCodes statusCodes(String endpoint, TimeRange range, int failedLimit);

    /** Endpoint × version share of hits. */
    VersionUsage versionUsage(TimeRange range);

    /** Every endpoint compared between two versions or intervals. */
    Report compare(Report.Side before, Report.Side after);

    /**
     * Streams the requests of one endpoint (or all: null) in the range to the sink, oldest first,
     * without holding them in memory. Returns how many were sent.
     *
     * @throws IOException when the sink fails (the client went away)
     */
    long export(String endpoint, TimeRange range, RequestSink sink) throws IOException;

    /** How many requests {@link #export} sends for the same endpoint (null: all) and range. */
    long countRequests(String endpoint, TimeRange range);
}
