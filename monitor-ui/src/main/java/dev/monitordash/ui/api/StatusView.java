package dev.monitordash.ui.api;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.core.version.VersionInfo;

import java.util.List;
import java.util.Locale;

/** {@code GET api/status}: the status line: running version, recording pipeline and store health. */
record StatusView(Version version, String service, String instance, Pipeline pipeline, Store store) {

    record Version(String name, String commit, List<String> tags, String commitTime, String source) {
    }

    /** Once {@code queued} is 0: {@code offered == written + dropped}, {@code dropped == rejected + failed + lost}. */
    record Pipeline(long offered, long accepted, long written, long dropped, long rejected, long failed, long lost,
            int queued) {
    }

    /** {@code state}: connecting (nothing reached it yet), ok (the last write succeeded) or failing. */
    record Store(String state, boolean healthy, String lastError) {
    }

    static StatusView of(Monitor monitor) {
        VersionInfo v = monitor.version();
        PipelineStats p = monitor.stats();
        return new StatusView(
                new Version(v.name(), v.commit(), v.tags(), EndpointRows.iso(v.commitTime()),
                        v.source().name().toLowerCase(Locale.ROOT)),
                monitor.config().serviceName(), monitor.config().instanceName(),
                new Pipeline(p.offered(), p.accepted(), p.written(), p.dropped(), p.rejected(), p.failed(), p.lost(),
                        p.queued()),
                new Store(p.store().name().toLowerCase(Locale.ROOT), p.storeHealthy(), p.lastError()));
    }
}
