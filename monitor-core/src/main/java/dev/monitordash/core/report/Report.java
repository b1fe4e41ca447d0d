package dev.monitordash.core.report;

import dev.monitordash.core.query.ReportSide;

import java.util.List;

/**
 * Two versions, or two time intervals, compared for every endpoint with requests on both sides.
 *
 * @param settings      the minimum effect and requests, and the false discovery rate, it was made with
 * @param tests         how many tests (endpoints × parts) the false discovery rate is controlled across
 * @param endpoints     every compared endpoint, by name
 * @param slower        endpoints with a part significantly slower, most extra time first
 * @param faster        endpoints significantly faster and nowhere slower, most time saved first
 * @param notEnoughData endpoints with fewer than the minimum requests on a side, by name
 */
public record Report(ReportSide before, ReportSide after, ReportSettings settings, int tests,
        List<EndpointChange> endpoints, List<EndpointChange> slower, List<EndpointChange> faster,
        List<EndpointChange> notEnoughData) {

    public Report {
        endpoints = List.copyOf(endpoints);
        slower = List.copyOf(slower);
        faster = List.copyOf(faster);
        notEnoughData = List.copyOf(notEnoughData);
    }
}
