package dev.monitordash.core.report;

import dev.monitordash.core.query.AnalyticsQueries;
import dev.monitordash.core.query.DeployedVersion;
import dev.monitordash.core.query.ReportSide;
import dev.monitordash.core.query.TimeRange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The report of each version against the one before it, made without anyone asking for it: the overview
 * shows the newest version's findings as soon as an endpoint has the minimum requests on both sides, and
 * an alert rule asks {@link #slowerEndpoints} "which endpoints did version X make significantly slower".
 *
 * <p>Both sides cover the same range: from {@link #LOOKBACK} before the version was first seen until now
 * (to the end of the current hour, so only rollups are read). The previous version is the one first seen
 * last before it. A report is kept for {@link #FRESH} per pair of versions (the overview is opened often, a
 * report reads every endpoint's rollups of up to 30 days), for {@link #FRESH_WAITING} while it waits for
 * requests.
 */
public final class VersionReports {

    /** How far before the new version the previous one's requests are taken. */
    public static final Duration LOOKBACK = Duration.ofDays(30);
    /** How long a made report is answered again before it is made anew. */
    public static final Duration FRESH = Duration.ofMinutes(1);
    /** The same while the new version has too few requests: its report should appear soon after it can. */
    public static final Duration FRESH_WAITING = Duration.ofSeconds(5);

    private final Supplier<AnalyticsQueries> queries;
    private final ReportSettings settings;
    private final Clock clock;
    private final Map<String, Made> cache = new ConcurrentHashMap<>();

    private record Made(Instant at, VersionReport report) {
    }

    public VersionReports(Supplier<AnalyticsQueries> queries, ReportSettings settings, Clock clock) {
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
    }

    /** The newest version (by first seen) against the one before it; empty with fewer than two versions. */
    public Optional<VersionReport> newest() {
        List<DeployedVersion> versions = queries.get().deployedVersions();
        if (versions.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(report(versions.get(versions.size() - 2), versions.get(versions.size() - 1)));
    }

    /** The version against the one before it; empty when the version is unknown or the first one. */
    public Optional<VersionReport> againstPrevious(String version) {
        List<DeployedVersion> versions = queries.get().deployedVersions();
        for (int i = 1; i < versions.size(); i++) {
            if (versions.get(i).name().equals(version)) {
                return Optional.of(report(versions.get(i - 1), versions.get(i)));
            }
        }
        return Optional.empty();
    }

    /**
     * The endpoints the version made significantly slower than the one before it (false discovery rate
     * controlled, at least the minimum effect), most extra time first, leaving out those a different mix
     * of hours explains. Empty while the version has too few requests, or when it is unknown or the first.
     */
    public List<EndpointChange> slowerEndpoints(String version) {
        return againstPrevious(version).filter(VersionReport::ready)
                .map(r -> r.report().slower().stream().filter(c -> !c.explainedBy(Check.Kind.HOURS)).toList())
                .orElse(List.of());
    }

    private VersionReport report(DeployedVersion previous, DeployedVersion version) {
        Instant now = clock.instant();
        String key = previous.name() + "\u0000" + version.name();
        Made made = cache.get(key);
        Duration fresh = made != null && made.report().ready() ? FRESH : FRESH_WAITING;
        if (made != null && made.at().plus(fresh).isAfter(now) && !made.at().isAfter(now)) {
            return made.report();
        }
        Instant from = version.firstSeen().minus(LOOKBACK).truncatedTo(ChronoUnit.HOURS);
        Instant to = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        TimeRange range = new TimeRange(from, to.isAfter(from) ? to : from.plus(1, ChronoUnit.HOURS));
        Report report = new Reports(queries.get(), settings).compare(new ReportSide(previous.name(), range),
                new ReportSide(version.name(), range));
        long requests = report.endpoints().stream().mapToLong(EndpointChange::requestsAfter).sum();
        boolean ready = report.endpoints().stream().anyMatch(EndpointChange::enoughData);
        VersionReport out = new VersionReport(version.name(), previous.name(), version.firstSeen(), requests, ready,
                report);
        cache.put(key, new Made(now, out));
        return out;
    }
}
