package dev.monitordash.ui.support;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.outlier.NameValue;
import dev.monitordash.core.outlier.OutlierThresholds;
import dev.monitordash.core.outlier.OutlierWatch;
import dev.monitordash.core.outlier.RequestData;
import dev.monitordash.core.profile.ProfiledRequest;
import dev.monitordash.core.record.RequestRecord;
import example.shop.Reports;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Real level 2 and 3 captures through the core API, as the servlet filter makes them: the monitor's own
 * watchdog catches a request running past its endpoint's threshold on this thread (its stack, the dump of
 * all threads, the system sample), its own profiler samples this thread. Only the request data comes from
 * the test instead of a servlet request.
 */
public final class RealCaptures {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final DashboardServer server;

    public RealCaptures(DashboardServer server) {
        this.server = server;
    }

    private Monitor monitor() {
        return server.monitor();
    }

    /**
     * Puts the endpoint at level 2 (which starts the watchdog and the system sampling, as in an application),
     * records {@code n} requests of {@code millis} each and waits until the endpoint has a threshold.
     */
    public void learnThreshold(String endpoint, int n, double millis) throws InterruptedException {
        monitor().changeLevel(endpoint, MonitoringLevel.OUTLIERS);
        long target = monitor().stats().written() + n;
        for (int i = 0; i < n; i++) {
            server.record(endpoint, "GET", 200, millis, Instant.now());
        }
        server.awaitWritten(target);
        await("the threshold of " + endpoint,
                () -> monitor().outliers().thresholds().thresholdNanos(endpoint) != OutlierThresholds.NONE);
    }

    /**
     * A request of {@code user} that blocks in {@link Reports#render} for {@code millis} on this thread,
     * watched by the monitor's watchdog; waits until its outlier is stored. Returns the outlier's id. The
     * watchdog catches it within milliseconds of its deadline (docs/outliers.md), the first one included, so
     * a {@code millis} well past the threshold is always caught.
     */
    public long outlier(String endpoint, String user, List<NameValue> headers, long millis) throws InterruptedException {
        Endpoint e = monitor().endpoints().lookup(endpoint);
        int before = monitor().queries().outliers(endpoint, 1_000).size();
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        RequestData data = new RequestData("http://127.0.0.1/app" + endpoint, "page=2&password=hunter2", "GET",
                headers, List.of(new NameValue("page", "2"), new NameValue("password", "hunter2")), "10.0.0.7", user,
                List.of());
        OutlierWatch watch = monitor().outliers().watch(endpoint, startNanos, () -> data);
        if (watch == null) {
            throw new AssertionError("no threshold for " + endpoint + " yet");
        }
        Reports.render(millis);
        boolean caught = watch.finish();
        record(new RequestRecord(e, micros(start), System.nanoTime() - startNanos, "GET", 200, user, "10.0.0.7",
                caught ? watch : null, null));
        if (!caught) {
            throw new AssertionError("the watchdog did not catch a request of " + millis + " ms to " + endpoint
                    + " (threshold " + monitor().outliers().thresholds().thresholdNanos(endpoint) / 1e6 + " ms)");
        }
        await("the outlier of " + endpoint, () -> monitor().queries().outliers(endpoint, 1_000).size() > before);
        return monitor().queries().outliers(endpoint, 1).get(0).id();
    }

    /** A request sampled by the monitor's profiler while it spins in {@link Reports#compute}. */
    public void profiled(String endpoint, long millis) throws InterruptedException {
        Endpoint e = monitor().endpoints().lookup(endpoint);
        int before = monitor().queries().profiles(endpoint, 1_000).size();
        Instant start = Instant.now();
        long startNanos = System.nanoTime();
        ProfiledRequest p = monitor().profiler().start(endpoint);
        Reports.compute(millis);
        p.finish();
        record(new RequestRecord(e, micros(start), System.nanoTime() - startNanos, "GET", 200, "alice", "10.0.0.7",
                null, p));
        await("the profile of " + endpoint, () -> monitor().queries().profiles(endpoint, 1_000).size() > before);
    }

    private void record(RequestRecord r) throws InterruptedException {
        long target = monitor().stats().written() + 1;
        if (!monitor().record(r)) {
            throw new AssertionError("pipeline refused a record");
        }
        server.awaitWritten(target);
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private static void await(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
