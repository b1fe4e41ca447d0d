package dev.monitordash.ui.api;

import dev.monitordash.core.outlier.CapturedThread;
import dev.monitordash.core.outlier.NameValue;
import dev.monitordash.core.outlier.RequestData;
import dev.monitordash.core.outlier.SystemSnapshot;
import dev.monitordash.core.query.OutlierDetail;
import dev.monitordash.core.query.OutlierSummary;

import java.util.List;

/**
 * The JSON shapes of the outlier routes: instants as ISO-8601 strings, everything else as the query layer
 * has it. Every text here came from a request or a thread dump; the pages set it with textContent.
 */
final class OutlierViews {

    private OutlierViews() {
    }

    record Summary(long id, String startedAt, String capturedAt, double durationMillis, double ranForMillis,
            double thresholdMillis, String method, int status, String user, String version, String url) {
    }

    record ListView(String endpoint, List<Summary> outliers) {
    }

    record Request(String url, String query, String method, List<NameValue> headers, List<NameValue> parameters,
            String remoteAddress, String user, List<String> notes) {
    }

    /** Memory in bytes, CPU in percent, GC time in ms; -1 (loads: negative) where the platform does not tell. */
    record SystemView(String sampledAt, List<Double> cpuPerCore, double cpuTotal, long memoryTotal,
            long memoryAvailable, long heapUsed, long heapCommitted, long heapMax, long nonHeapUsed,
            long nonHeapCommitted, long gcCount, long gcTimeMillis, int threadCount, int daemonThreadCount,
            int peakThreadCount, List<Double> loadAverage) {
    }

    record Detail(String endpoint, Summary outlier, Request request, String requestThread, String requestStack,
            List<CapturedThread> threads, SystemView system, List<String> notes) {
    }

    static Summary summary(OutlierSummary s) {
        return new Summary(s.id(), s.startedAt().toString(), s.capturedAt().toString(), s.durationMillis(),
                s.ranForMillis(), s.thresholdMillis(), s.method(), s.status(), s.user(), s.version(), s.url());
    }

    static ListView list(String endpoint, List<OutlierSummary> outliers) {
        return new ListView(endpoint, outliers.stream().map(OutlierViews::summary).toList());
    }

    static Detail detail(OutlierDetail d) {
        RequestData r = d.request();
        Request request = r == null ? null : new Request(r.url(), r.query(), r.method(), r.headers(),
                r.parameters(), r.remoteAddress(), r.user(), r.notes());
        SystemSnapshot s = d.system();
        SystemView system = new SystemView(s.sampledAt().toString(), s.cpuPerCore(), s.cpuTotal(), s.memoryTotal(),
                s.memoryAvailable(), s.heapUsed(), s.heapCommitted(), s.heapMax(), s.nonHeapUsed(),
                s.nonHeapCommitted(), s.gcCount(), s.gcTimeMillis(), s.threadCount(), s.daemonThreadCount(),
                s.peakThreadCount(), s.loadAverage());
        return new Detail(d.summary().endpoint(), summary(d.summary()), request, d.requestThread(), d.requestStack(),
                d.threads(), system, d.notes());
    }
}
