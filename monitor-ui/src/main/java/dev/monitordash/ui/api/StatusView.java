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

    record Pipeline(long accepted, long written, long dropped, int queued) {
    }

    record Store(boolean healthy, String lastError) {
    }

    static StatusView of(Monitor monitor) {
        VersionInfo v = monitor.version();
        PipelineStats p = monitor.stats();
        return new StatusView(
                new Version(v.name(), v.commit(), v.tags(), EndpointRows.iso(v.commitTime()),
                        v.source().name().toLowerCase(Locale.ROOT)),
                monitor.config().serviceName(), monitor.config().instanceName(),
                new Pipeline(p.accepted(), p.written(), p.dropped(), p.queued()),
                new Store(p.storeHealthy(), p.lastError()));
    }
}
