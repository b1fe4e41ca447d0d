package dev.monitordash.core.testing;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.outlier.CapturedThread;
import dev.monitordash.core.outlier.NameValue;
import dev.monitordash.core.outlier.OutlierCapture;
import dev.monitordash.core.outlier.OutlierWatch;
import dev.monitordash.core.outlier.RequestData;
import dev.monitordash.core.outlier.SystemSnapshot;
import dev.monitordash.core.record.RequestRecord;

import java.time.Instant;
import java.util.List;

/** Hand-built outlier captures for store tests. */
public final class Outliers {

    private Outliers() {
    }

    public static OutlierCapture capture(String marker) {
        return capture(marker, Records.micros(Instant.parse("2025-06-01T10:00:01Z")), List.of(12.5, 80.0));
    }

    /** Captured at {@code capturedMicros} with these CPU loads per logical processor. */
    public static OutlierCapture capture(String marker, long capturedMicros, List<Double> cpuPerCore) {
        RequestData request = new RequestData("http://localhost/orders/" + marker, "page=2", "POST",
                List.of(new NameValue("Accept", "text/html"), new NameValue("X-Trace", marker)),
                List.of(new NameValue("page", "2")), "10.0.0.9", "ann", List.of("headers: 3 more not kept (truncated)"));
        SystemSnapshot system = new SystemSnapshot(Instant.parse("2025-06-01T10:00:00Z"), cpuPerCore, 46.2,
                8_000_000_000L, 3_000_000_000L, 100_000_000L, 200_000_000L, 400_000_000L, 50_000_000L, 60_000_000L,
                7, 123, 42, 30, 50, List.of(1.5, 1.25, 1.0), List.of("CPU sample 0.9 s old"));
        List<CapturedThread> threads = List.of(
                new CapturedThread(1, "main", "WAITING", false, "java.lang.Object@1", null, "at a.B.c(B.java:1)\n"),
                new CapturedThread(77, "worker-" + marker, "TIMED_WAITING", true, null, null,
                        "at java.lang.Thread.sleep(Native Method)\nat shop.Orders.slow(Orders.java:42)\n"));
        return new OutlierCapture(capturedMicros, 250_000_000L, 100_000_000L,
                request, "worker-" + marker, "at java.lang.Thread.sleep(Native Method)\nat shop.Orders.slow(Orders.java:42)\n",
                threads, system, List.of("a note"));
    }

    /** A record of an outlier request of the endpoint, its capture complete. */
    public static RequestRecord record(Endpoint e, long startMicros, long durationMicros, String marker) {
        return record(e, startMicros, durationMicros, capture(marker));
    }

    public static RequestRecord record(Endpoint e, long startMicros, long durationMicros, OutlierCapture capture) {
        return new RequestRecord(e, startMicros, durationMicros * 1_000, "POST", 200, "ann", "10.0.0.9",
                OutlierWatch.completed(e.name(), capture));
    }
}
