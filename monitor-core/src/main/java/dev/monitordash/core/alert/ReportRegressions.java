package dev.monitordash.core.alert;

import dev.monitordash.core.report.EndpointChange;
import dev.monitordash.core.report.VersionReports;
import dev.monitordash.core.store.StoredVersion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The version report ({@link VersionReports}: every request's sketch, tests of the median, p90 and p99,
 * false discovery rate across endpoints, changes a different mix of hours explains left out) asked for each
 * of the newest versions against the one before it. A version with too few requests yet is simply not
 * judged; the report reads rollups only, is cached by {@link VersionReports}, and asked here at most every
 * {@link #EVERY}.
 */
final class ReportRegressions implements VersionRegressions {

    static final Duration EVERY = Duration.ofMinutes(5);
    static final int PAIRS_TRIED = 3;

    private final VersionReports reports;
    private final Supplier<List<StoredVersion>> versions;
    private final Clock clock;
    private Instant last;
    private List<Slowdown> cached = List.of();

    ReportRegressions(VersionReports reports, Supplier<List<StoredVersion>> versions, Clock clock) {
        this.reports = reports;
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
        // Each of the newest PAIRS_TRIED versions against the one before it: the running version may have
        // just started (too few requests yet), and a regression stays visible for two more releases.
        for (int i = all.size() - 1; i >= 1 && i >= all.size() - PAIRS_TRIED; i--) {
            String version = all.get(i).name();
            for (EndpointChange ch : reports.slowerEndpoints(version)) {
                out.add(new Slowdown(ch.endpoint(), all.get(i - 1).name(), version,
                        Math.round(1000 * ch.relativeChange()) / 10.0));
            }
        }
        cached = List.copyOf(out);
        last = now;
        return cached;
    }
}
