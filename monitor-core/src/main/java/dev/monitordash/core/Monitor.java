package dev.monitordash.core;

import dev.monitordash.core.alert.Alerting;
import dev.monitordash.core.cleanup.ApplicationLoader;
import dev.monitordash.core.cleanup.ProcessReaper;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.EndpointRegistry;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.logging.StartupLog;
import dev.monitordash.core.metrics.MonitorMetrics;
import dev.monitordash.core.outlier.JnaCleaner;
import dev.monitordash.core.outlier.OutlierDetector;
import dev.monitordash.core.profile.Profiler;
import dev.monitordash.core.query.DashboardQueries;
import dev.monitordash.core.report.ReportSettings;
import dev.monitordash.core.report.VersionReports;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.core.record.RecordPipeline;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.error.ErrorGroups;
import dev.monitordash.core.resource.ResourceRecorder;
import dev.monitordash.core.resource.ResourceSampler;
import dev.monitordash.core.resource.ResourceSeries;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.config.ConfigKey;
import dev.monitordash.core.store.DurationTotal;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.store.SqliteLocation;
import dev.monitordash.core.store.StoreException;
import dev.monitordash.core.store.StoreRefusedException;
import dev.monitordash.core.store.StoredEndpoint;
import dev.monitordash.core.version.ApplicationFiles;
import dev.monitordash.core.version.JGitThreads;
import dev.monitordash.core.version.VersionDetector;
import dev.monitordash.core.version.VersionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The engine of one monitored application: configuration, endpoints, version, store and the recording
 * pipeline. Framework-neutral: the servlet module feeds it {@link RequestRecord}s, the UI reads from it.
 */
public final class Monitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);

    private final MonitorConfig config;
    private final VersionInfo version;
    private final MonitorStore store;
    private final EndpointRegistry endpoints;
    private final RecordPipeline pipeline;
    private final OutlierDetector outliers;
    private final Profiler profiler;
    private final LevelSync levels;
    private final MonitorMetrics metrics; // null unless monitordash.prometheus.enabled
    private final VersionReports versionReports;
    private final Alerting alerting; // null for a store without SQL (test doubles)
    private final ResourceRecorder resources; // null when monitordash.resources.period is 0
    private final Thread exitHook = new Thread(this::flushBeforeExit, "monitordash-exit-flush");
    private volatile boolean storeProblemReported;
    private String checkedUrl; // the SQLite URL whose file system problems name the path; null: none
    private final CountDownLatch restored = new CountDownLatch(1);

    /**
     * How long start waits for the writer's restore: a reachable store answers within it, so the first
     * requests see the stored levels as before; an unreachable one delays startup by this much at most.
     */
    static final long RESTORE_WAIT_MILLIS = 500;
    private final ApplicationLoader application = ApplicationLoader.ofCurrentThread();

    private Monitor(MonitorConfig config, VersionInfo version, MonitorStore store, Duration levelsRefresh) {
        this.config = config;
        this.version = version;
        this.store = store;
        this.endpoints = new EndpointRegistry(config.maxEndpoints(), config.defaultLevel());
        this.outliers = new OutlierDetector(config);
        this.profiler = new Profiler(config.profilerPeriod().toNanos(), "monitordash-profiler");
        this.levels = new LevelSync(store, endpoints, levelsRefresh, outliers::start, System::nanoTime);
        this.versionReports = new VersionReports(() -> store.queries().analytics(), ReportSettings.of(config),
                java.time.Clock.systemUTC());
        this.metrics = config.prometheusEnabled()
                ? MonitorMetrics.start(version.name(), this::stats, outliers::captures, outliers::skipped) : null;
        // The writer thread sees every request: it keeps the endpoints' means and the Prometheus histograms,
        // request threads only read the means and pay nothing for the histograms.
        this.pipeline = new RecordPipeline(store,
                new Origin(version.name(), config.serviceName(), config.instanceName()),
                config.queueCapacity(), config.batchSize(), config.shutdownTimeout(), batch -> {
                    for (RequestRecord r : batch) {
                        outliers.thresholds().observe(r.endpoint().name(), r.durationNanos());
                    }
                    outliers.thresholds().endBatch();
                    if (metrics != null) {
                        metrics.observe(batch);
                    }
                }, () -> {
                    // Off the request path, no thread of their own: levels changed by other instances, then
                    // the store's background work (rollups, retention), each only when due.
                    levels.refreshIfDue();
                    store.maintain();
                });
        this.resources = config.resourcesPeriod().isZero() ? null : new ResourceRecorder(
                new ResourceSampler(SqliteLocation.fileOf(config.databaseUrl()).orElse(null), pipeline::stats,
                        Clock.systemUTC()),
                store.resources(), new Origin(version.name(), config.serviceName(), config.instanceName()),
                config.resourcesPeriod());
        this.alerting = store.supportsSql() ? Alerting.start(store, config,
                () -> store instanceof JdbcStore jdbc ? jdbc.loadVersions() : List.of(), resources()) : null;
    }

    /**
     * Detects the version, opens the store of {@code monitordash.database} and starts the writer, which then
     * connects to the store, migrates it and restores the endpoints' levels in the background: the caller
     * (a container's startup thread) never waits for the database. A SQLite file that visibly cannot be
     * written is reported at once, as an error naming the key, the path and the fix.
     */
    public static Monitor start(MonitorConfig config) {
        return start(config, ApplicationFiles.of(Thread.currentThread().getContextClassLoader()));
    }

    /**
     * As {@link #start(MonitorConfig)}, with the version read from these application files when none is
     * configured (the servlet module passes a web application's own manifest).
     */
    public static Monitor start(MonitorConfig config, ApplicationFiles files) {
        VersionInfo version = VersionDetector.detect(config, files);
        JdbcStore store = JdbcStore.openWithoutConnecting(config, Clock.systemUTC());
        Monitor monitor = new Monitor(config, version, store, config.levelsRefresh());
        monitor.checkedUrl = config.databaseUrl();
        Optional<String> refusal = store.refusal();
        if (refusal.isPresent()) {
            // Its own message: the fix is not a writable location but one SQLite copy per file.
            monitor.storeProblemReported = true;
            StartupLog.error(LOG, refusal.get() + " (docs/storage.md).");
            return monitor.begin(false);
        }
        Optional<String> problem = SqliteLocation.problem(config.databaseUrl());
        problem.ifPresent(monitor::reportStoreProblem);
        return monitor.begin(problem.isEmpty());
    }

    /** As {@link #start(MonitorConfig)} with a given store (tests, custom stores). */
    public static Monitor start(MonitorConfig config, VersionInfo version, MonitorStore store) {
        return start(config, version, store, config.levelsRefresh());
    }

    /** As above with a levels refresh period below the configurable minimum of 1 s (tests). */
    static Monitor start(MonitorConfig config, VersionInfo version, MonitorStore store, Duration levelsRefresh) {
        return new Monitor(config, version, store, levelsRefresh).begin(true);
    }

    private Monitor begin(boolean waitForRestore) {
        pipeline.submit(this::restore);
        pipeline.start();
        if (resources != null) {
            resources.start();
        }
        startOutliersIfInUse();
        if (waitForRestore) {
            try {
                restored.await(RESTORE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            // A fallback for applications whose server is not stopped on SIGTERM (an embedded server
            // without a shutdown hook): the writer is a daemon thread and would die mid-batch.
            Runtime.getRuntime().addShutdownHook(exitHook);
        } catch (IllegalStateException alreadyExiting) {
            LOG.debug("MonitorDash started while the JVM is exiting; no exit flush");
        }
        return this;
    }

    /** At JVM exit: write what is queued within the shutdown timeout (see RecordPipeline#drainBeforeExit). */
    private void flushBeforeExit() {
        pipeline.drainBeforeExit();
    }

    /** The JVM shutdown hook while the monitor runs (tests check that close removes it). */
    Thread exitHook() {
        return exitHook;
    }

    /**
     * Level 2 in use from the start (by default or restored): start the watchdog and the system sampling
     * now, so that OSHI is set up and the first snapshot taken before the first request's deadline.
     */
    private void startOutliersIfInUse() {
        boolean inUse = config.defaultLevel() >= MonitoringLevel.OUTLIERS
                || endpoints.all().stream().anyMatch(e -> e.level() >= MonitoringLevel.OUTLIERS);
        if (inUse) {
            outliers.start();
        }
    }

    /**
     * On the writer thread, first thing: stores the version and restores levels and duration statistics.
     * Throws {@link StoreException} while the store is unreachable, so that the writer retries it; all
     * reads come before anything is applied, so a retry never counts anything twice.
     */
    private void restore() {
        List<StoredEndpoint> stored;
        List<DurationTotal> totals;
        Map<String, long[]> recent;
        try {
            store.saveVersion(version, Instant.now());
            stored = store.loadEndpoints();
            totals = store.loadDurationTotals();
            recent = outliers.thresholds().percentileRule()
                    ? store.loadRecentDurations(outliers.thresholds().window()) : Map.of();
        } catch (StoreRefusedException e) {
            throw e; // reported at start; nothing to restore from a file this monitor may not use
        } catch (StoreException e) {
            // SQLite only says "unable to open the database file": the dashboard shows the path instead.
            String problem = SqliteLocation.problem(checkedUrl).orElse(null);
            reportStoreProblem(problem != null ? problem : e.getMessage());
            throw problem == null ? e : new StoreException("MonitorDash cannot write its database: " + problem, e);
        }
        for (StoredEndpoint e : stored) {
            endpoints.restore(e.name(), e.handler(), e.level());
        }
        totals.forEach(t -> outliers.thresholds().load(t.endpoint(), t.count(), t.totalMicros() * 1_000L));
        if (outliers.thresholds().percentileRule()) {
            recent.forEach((endpoint, micros) ->
                    outliers.thresholds().loadRecent(endpoint, Arrays.stream(micros).map(m -> m * 1_000L).toArray()));
            outliers.thresholds().endBatch();
        }
        startOutliersIfInUse(); // a restored level may be 2 or 3
        restored.countDown();
    }

    /**
     * Once per start, an error the user cannot miss (also without an SLF4J provider): the key, its value
     * and where it came from, why it cannot be used, and what to do. Recording goes on by itself once the
     * store can be written; until then records wait in the queue, and beyond its capacity are dropped.
     */
    private void reportStoreProblem(String why) {
        if (storeProblemReported) {
            return;
        }
        storeProblemReported = true;
        String key = ConfigKey.DATABASE.property();
        StartupLog.error(LOG, "MonitorDash cannot write its database: " + key + " = "
                + config.effectiveConfiguration().get(key) + " [" + config.sourceOf(ConfigKey.DATABASE) + "]: "
                + why + ". Requests are not recorded until it can be written (up to " + config.queueCapacity()
                + " wait in the queue). Fix: set " + key + " (or " + ConfigKey.DATABASE.env() + ") to a location"
                + " this process can write, e.g. jdbc:sqlite:/var/lib/<app>/monitordash.db, or make that one"
                + " writable; the dashboard's status line shows the store's state.");
    }

    /** Declares an endpoint found at startup, so the rules table lists it before it is requested. */
    public Endpoint declare(String name, String handler) {
        Endpoint e = endpoints.declare(name, handler);
        if (e.kind() == Endpoint.Kind.ROUTE) {
            // Stored by the writer: a container declares every mapping on its startup thread, which must
            // not wait for the database (2 s per mapping with an unreachable one).
            int level = e.level();
            Instant now = Instant.now();
            pipeline.submit(() -> store.saveEndpoint(e.name(), handler, level, now, version.name()));
        }
        return e;
    }

    /** Hands a measured request to the writer. Never blocks; never throws. */
    public boolean record(RequestRecord record) {
        return pipeline.offer(record);
    }

    /**
     * Changes an endpoint's monitoring level; takes effect on the next request, survives restarts, and
     * reaches the other instances sharing the store within their {@code monitordash.levels.refresh}.
     *
     * @throws IllegalArgumentException for an unknown endpoint or a level outside 0-3
     * @throws StoreException if the change could not be stored (it is then not applied)
     */
    public void changeLevel(String endpointName, int level) {
        if (!MonitoringLevel.isValid(level)) {
            throw new IllegalArgumentException("level must be 0-3, was " + level);
        }
        Endpoint e = endpoints.find(endpointName);
        if (e == null || e.kind() == Endpoint.Kind.INTERNAL) {
            throw new IllegalArgumentException("unknown endpoint: " + endpointName);
        }
        levels.change(e, level);
    }

    /** The periodic reload of levels changed by other instances (tests drive it directly). */
    LevelSync levelSync() {
        return levels;
    }

    public MonitorConfig config() {
        return config;
    }

    public VersionInfo version() {
        return version;
    }

    public EndpointRegistry endpoints() {
        return endpoints;
    }

    public MonitorStore store() {
        return store;
    }

    /**
     * The automatic report of each version against the one before it: "which endpoints did version X make
     * significantly slower" for the overview and for alert rules.
     */
    public VersionReports versionReports() {
        return versionReports;
    }

    public DashboardQueries queries() {
        return store.queries();
    }

    /** Level 2: thresholds per endpoint and the watchdog that captures outliers. */
    public OutlierDetector outliers() {
        return outliers;
    }

    /** Level 3: the one sampler thread of all profiled requests. */
    public Profiler profiler() {
        return profiler;
    }

    /** The metrics served to Prometheus; empty unless {@code monitordash.prometheus.enabled} is true. */
    public Optional<MonitorMetrics> metrics() {
        return Optional.ofNullable(metrics);
    }

    /**
     * Alert rules, their evaluation and notifications (docs/alerts.md); empty for a store without SQL.
     */
    public Optional<Alerting> alerting() {
        return Optional.ofNullable(alerting);
    }

    /**
     * This instance's resource samples of the last hour, in memory: what alert conditions read (latest
     * sample, a window). Empty with {@code monitordash.resources.period} 0. Longer ranges and other
     * instances: {@code store().resources().history(...)}.
     */
    public ResourceSeries resources() {
        return resources == null ? ResourceSeries.NONE : resources.series();
    }

    /** Errors grouped by cause (stored with the request batches). */
    public ErrorGroups errors() {
        return store.errors();
    }

    public PipelineStats stats() {
        return pipeline.stats();
    }

    /**
     * Flushes the queue within the configured shutdown timeout, then closes the store; every thread the
     * monitor started, or made a library start, has ended when it returns (an undeploy leaves nothing).
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(exitHook); // else an undeployed application stays loaded
        } catch (IllegalStateException exiting) {
            // Closed from a container's own shutdown hook: ours runs too, and finds the writer stopped.
        }
        if (alerting != null) {
            alerting.close(); // before the store: it gives the evaluation lease back
        }
        outliers.close();
        profiler.close();
        if (resources != null) {
            resources.close();
            JnaCleaner.stopIfOwnedBy(application); // OSHI, on the resource thread, may have started it
        }
        pipeline.close();
        store.close();
        JGitThreads.stopIfOwnedBy(application);
        ProcessReaper.release(application);
    }
}
