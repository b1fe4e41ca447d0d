package dev.monitordash.core.query;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * {@link AnalyticsQueries} over the JDBC store: one facade, one small class per concern behind it
 * (counts over time, distributions, status codes, filter choices, the report, the export). SQL both SQLite and
 * PostgreSQL run unchanged.
 */
public final class JdbcAnalyticsQueries implements AnalyticsQueries {

    private final Reads reads;
    private final HeatmapQueries heatmaps;
    private final DistributionQueries distributions;
    private final StatusQueries status;
    private final ChoiceQueries choices;
    private final ReportQueries reports;
    private final RequestExport export;

    public JdbcAnalyticsQueries(SnapshotConnections connections, Clock clock) {
        this.reads = new Reads(connections);
        this.heatmaps = new HeatmapQueries(reads, clock);
        this.distributions = new DistributionQueries(reads);
        this.status = new StatusQueries(reads);
        this.choices = new ChoiceQueries(reads);
        this.reports = new ReportQueries(reads);
        this.export = new RequestExport(reads);
    }

    @Override
    public void requireEndpoint(String endpoint) {
        reads.read("endpoint " + endpoint, c -> Reads.endpointId(c, endpoint));
    }

    @Override
    public HourlyHeatmap endpointHeatmap(String endpoint, LocalDate first, LocalDate last, ZoneId zone,
            String user) {
        return heatmaps.endpointHeatmap(endpoint, first, last, zone, UserFilter.of(user));
    }

    @Override
    public HourlyHeatmap loadHeatmap(LocalDate first, LocalDate last, ZoneId zone) {
        return heatmaps.loadHeatmap(first, last, zone);
    }

    @Override
    public DailyHits dailyHits(LocalDate first, LocalDate last, ZoneId zone) {
        return heatmaps.dailyHits(first, last, zone);
    }

    @Override
    public List<HourStats> lastTwoDays(String endpoint, ZoneId zone, String user) {
        return heatmaps.lastTwoDays(endpoint, zone, UserFilter.of(user));
    }

    @Override
    public List<VersionBox> versionBoxes(String endpoint, TimeRange range, String user) {
        return distributions.versionBoxes(endpoint, range, UserFilter.of(user));
    }

    @Override
    public List<BoxPlot> endpointBoxes(TimeRange range) {
        return distributions.endpointBoxes(range);
    }

    @Override
    public GroupBoxes userBoxes(String endpoint, TimeRange range, String version, TopN top) {
        return distributions.userBoxes(endpoint, range, version, top);
    }

    @Override
    public BubbleChart bubbles(String endpoint, TimeRange range, Dimension dimension, TopN top) {
        return distributions.bubbles(endpoint, range, dimension, top);
    }

    @Override
    public StatusCodes statusCodes(String endpoint, TimeRange range, int failedLimit, String user) {
        return status.statusCodes(endpoint, range, failedLimit, UserFilter.of(user));
    }

    @Override
    public FilterChoices filterChoices(String endpoint, TimeRange range, int maxUsers) {
        return choices.choices(endpoint, range, maxUsers);
    }

    @Override
    public VersionUsage versionUsage(TimeRange range) {
        return status.versionUsage(range);
    }

    @Override
    public List<EndpointTimes> reportTimes(ReportSide before, ReportSide after) {
        return reports.times(before, after);
    }

    @Override
    public ReportDetail reportDetail(String endpoint, ReportSide before, ReportSide after) {
        return reports.detail(endpoint, before, after);
    }

    @Override
    public java.util.Map<String, ReportDetail> reportDetails(java.util.Collection<String> endpoints,
            ReportSide before, ReportSide after) {
        return reports.details(endpoints, before, after);
    }

    @Override
    public List<DeployedVersion> deployedVersions() {
        return reports.versions();
    }

    @Override
    public long export(String endpoint, TimeRange range, RequestSink sink) throws IOException {
        return export.export(endpoint, range, sink);
    }

    @Override
    public long countRequests(String endpoint, TimeRange range) {
        return export.count(endpoint, range);
    }

    @Override
    public java.util.Optional<java.time.Instant> oldestRequest() {
        return export.oldest();
    }
}
