package dev.monitordash.core.testing;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.record.Origin;
import dev.monitordash.core.record.RequestRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Hand-built request records for store and pipeline tests. */
public final class Records {

    public static final Origin ORIGIN = new Origin("1.0", "shop", "node-1:42");

    private Records() {
    }

    public static Endpoint endpoint(String name) {
        return new Endpoint(name, Endpoint.Kind.ROUTE, "handler-of-" + name, MonitoringLevel.PERFORMANCE);
    }

    public static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /** A GET returning 200 from user "ann" at 10.0.0.1, started at the given micros, lasting the given micros. */
    public static RequestRecord get(Endpoint e, long startMicros, long durationMicros) {
        return new RequestRecord(e, startMicros, durationMicros * 1_000, "GET", 200, "ann", "10.0.0.1");
    }

    public static RequestRecord withStatus(Endpoint e, long startMicros, long durationMicros, int status) {
        return new RequestRecord(e, startMicros, durationMicros * 1_000, "GET", status, "ann", "10.0.0.1");
    }

    /** {@code n} records spread over the endpoints, each with the given user (to find them again). */
    public static List<RequestRecord> many(int n, List<Endpoint> endpoints, long startMicros, String user) {
        List<RequestRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Endpoint e = endpoints.get(i % endpoints.size());
            out.add(new RequestRecord(e, startMicros + i, 1_000_000L + i * 1_000L, i % 3 == 0 ? "POST" : "GET",
                    i % 10 == 0 ? 500 : 200, user, "10.0.0." + (i % 250)));
        }
        return out;
    }
}
