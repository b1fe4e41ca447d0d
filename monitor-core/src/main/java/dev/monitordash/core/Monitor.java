package dev.monitordash.core;

import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.EndpointRegistry;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.outlier.OutlierDetector;
import dev.monitordash.core.profile.Profiler;
import dev.monitordash.core.query.DashboardQueries;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.core.record.RecordPipeline;
import dev.monitordash.core.record.RequestRecord;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.store.StoreException;
import dev.monitordash.core.store.StoredEndpoint;
import dev.monitordash.core.version.VersionDetector;
import dev.monitordash.core.version.VersionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;

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

    private Monitor(MonitorConfig config, VersionInfo version, MonitorStore store, Duration levelsRefresh) {
        this.config = config;
        this.version = version;
        this.store = store;
        this.endpoints = new EndpointRegistry(config.maxEndpoints(), config.defaultLevel());
        this.outliers = new OutlierDetector(config);
        this.profiler = new Profiler(config.profilerPeriod().toNanos(), "monitordash-profiler");
        this.levels = new LevelSync(store, endpoints, levelsRefresh, outliers::start, System::nanoTime);
        // The writer thread sees every request: it keeps the endpoints' means, request threads only read them.
        this.pipeline = new RecordPipeline(store,
                new Origin(version.name(), config.serviceName(), config.instanceName()),
                config.queueCapacity(), config.batchSize(), config.shutdownTimeout(), batch -> {
                    for (RequestRecord r : batch) {
                        outliers.thresholds().observe(r.endpoint().name(), r.durationNanos());
                    }
                    outliers.thresholds().endBatch();
                }, () -> {
                    // Off the request path, no thread of their own: levels changed by other instances, then
                    // the store's background work (rollups, retention), each only when due.
                    levels.refreshIfDue();
                    store.maintain();
                });
    }

    /** Detects the version, opens (and migrates) the store, restores endpoint levels, starts the writer. */
    public static Monitor start(MonitorConfig config) {
        VersionInfo version = VersionDetector.detect(config);
        return start(config, version, JdbcStore.open(config));
    }

    /** As {@link #start(MonitorConfig)} with a given store (tests, custom stores). */
    public static Monitor start(MonitorConfig config, VersionInfo version, MonitorStore store) {
        return start(config, version, store, config.levelsRefresh());
    }

    /** As above with a levels refresh period below the configurable minimum of 1 s (tests). */
    static Monitor start(MonitorConfig config, VersionInfo version, MonitorStore store, Duration levelsRefresh) {
        Monitor monitor = new Monitor(config, version, store, levelsRefresh);
        monitor.restore();
        monitor.pipeline.start();
        monitor.startOutliersIfInUse();
        return monitor;
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

    private void restore() {
        try {
            store.saveVersion(version, Instant.now());
            for (StoredEndpoint e : store.loadEndpoints()) {
                endpoints.restore(e.name(), e.handler(), e.level());
            }
            store.loadDurationTotals().forEach(t -> outliers.thresholds().load(t.endpoint(), t.count(),
                    t.totalMicros() * 1_000L));
            if (outliers.thresholds().percentileRule()) {
                store.loadRecentDurations(outliers.thresholds().window()).forEach((endpoint, micros) ->
                        outliers.thresholds().loadRecent(endpoint, java.util.Arrays.stream(micros).map(m -> m * 1_000L)
                                .toArray()));
                outliers.thresholds().endBatch();
            }
        } catch (StoreException e) {
            // A dead database never stops the host application: levels fall back to the default.
            LOG.warn("MonitorDash could not read its store at startup ({}); endpoints start at level {}",
                    e.getMessage(), config.defaultLevel());
        }
    }

    /** Declares an endpoint found at startup, so the rules table lists it before it is requested. */
    public Endpoint declare(String name, String handler) {
        Endpoint e = endpoints.declare(name, handler);
        if (e.kind() == Endpoint.Kind.ROUTE) {
            try {
                store.saveEndpoint(e.name(), handler, e.level(), Instant.now(), version.name());
            } catch (StoreException ex) {
                LOG.debug("MonitorDash could not store endpoint {} yet: {}", name, ex.getMessage());
            }
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

    public PipelineStats stats() {
        return pipeline.stats();
    }

    /** Flushes the queue within the configured shutdown timeout, then closes the store. */
    @Override
    public void close() {
        outliers.close();
        profiler.close();
        pipeline.close();
        store.close();
    }
}
