package dev.monitordash.core.alert;

import dev.monitordash.core.query.DashboardQueries;
import dev.monitordash.core.query.Report;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.store.StoredVersion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The version report ({@link DashboardQueries#analytics()}'s {@code compare}: medians from the rollups'
 * sketches, a Mann-Whitney test on stratified samples) run for each of the newest versions against the one before it, over the last
 * {@link #RANGE}. An endpoint counts only with {@link #MIN_REQUESTS} requests on each side, so one slow
 * first request of a new version never fires. The report reads rollups only; it is run at most every
 * {@link #EVERY} and its answer reused in between.
 */
final class ReportRegressions implements VersionRegressions {

    static final int MIN_REQUESTS = 30;
    static final Duration RANGE = Duration.ofDays(30);
    static final Duration EVERY = Duration.ofMinutes(5);
    static final int PAIRS_TRIED = 3;

    private final DashboardQueries queries;
    private final Supplier<List<StoredVersion>> versions;
    private final Clock clock;
    private Instant last;
    private List<Slowdown> cached = List.of();

    ReportRegressions(DashboardQueries queries, Supplier<List<StoredVersion>> versions, Clock clock) {
        this.queries = queries;
        this.versions = versions;
        this.clock = clock;
    }

    @Override
    public synchronized List<Slowdown> slowerEndpoints() {
        Instant now = clock.instant();
        if (last != null && last.plus(EVERY).isAfter(now)) {
            return cached;
        }
        List<StoredVersion> all = versions.get(); // oldest first
        List<Slowdown> out = new ArrayList<>();
        TimeRange range = new TimeRange(now.minus(RANGE), now.plusSeconds(1));
        // Each of the newest PAIRS_TRIED versions against the one before it: the running version may have
        // just started (too few requests yet), and a regression stays visible for two more releases.
        for (int i = all.size() - 1; i >= 1 && i >= all.size() - PAIRS_TRIED; i--) {
            Report report = queries.analytics().compare(new Report.Side(all.get(i - 1).name(), range),
                    new Report.Side(all.get(i).name(), range));
            boolean enough = report.endpoints().stream()
                    .anyMatch(ch -> ch.requestsBefore() >= MIN_REQUESTS && ch.requestsAfter() >= MIN_REQUESTS);
            if (!enough) {
                continue; // e.g. a version just deployed: judged once it has MIN_REQUESTS
            }
            for (Report.EndpointChange ch : report.slower()) {
                if (ch.requestsBefore() >= MIN_REQUESTS && ch.requestsAfter() >= MIN_REQUESTS && ch.medianBefore() > 0) {
                    out.add(new Slowdown(ch.endpoint(), all.get(i - 1).name(), all.get(i).name(),
                            Math.round(1000 * (ch.medianAfter() / ch.medianBefore() - 1)) / 10.0));
                }
            }
        }
        cached = List.copyOf(out);
        last = now;
        return cached;
    }
}
