package dev.monitordash.core.record;

import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.outlier.OutlierWatch;
import dev.monitordash.core.profile.ProfiledRequest;

/**
 * One measured request, built on the request thread and handed to the {@link RecordPipeline}. Small and
 * immutable; version, service and instance are the same for every record of a JVM and are added by the
 * writer ({@link Origin}), not carried here.
 *
 * @param endpoint         the endpoint (route template) the request was counted under
 * @param startEpochMicros when the request started, microseconds since the epoch (UTC)
 * @param durationNanos    execution time measured with {@code System.nanoTime}
 * @param method           HTTP method
 * @param status           HTTP status code (500 when the handler threw)
 * @param user             the user (group) the app's function returned; null when unknown
 * @param clientIp         the client address (trusted-proxy aware); null when unknown
 * @param outlier          set when the request became an outlier: the store writes its capture linked to
 *                         the request's row; null for every other request
 * @param profile          set for a request at level 3: the store writes its call tree linked to the row
 * @param test             the test that made the request ({@link dev.monitordash.core.tests.RunningTests}),
 *                         when a test suite runs the application; null otherwise
 * @param error            the exception the request ended with (thrown through the filter, or the
 *                         container's {@code jakarta.servlet.error.exception} of a 5xx); null for every
 *                         other request. Only referenced here: the writer thread fingerprints it, never the
 *                         request thread
 */
public record RequestRecord(
        Endpoint endpoint,
        long startEpochMicros,
        long durationNanos,
        String method,
        int status,
        String user,
        String clientIp,
        OutlierWatch outlier,
        ProfiledRequest profile,
        String test,
        Throwable error) {

    /** A request made by no test that ended without an exception. */
    public RequestRecord(Endpoint endpoint, long startEpochMicros, long durationNanos, String method, int status,
            String user, String clientIp, OutlierWatch outlier, ProfiledRequest profile) {
        this(endpoint, startEpochMicros, durationNanos, method, status, user, clientIp, outlier, profile, null, null);
    }

    /** A request that is neither an outlier nor profiled. */
    public RequestRecord(Endpoint endpoint, long startEpochMicros, long durationNanos, String method, int status,
            String user, String clientIp) {
        this(endpoint, startEpochMicros, durationNanos, method, status, user, clientIp, null, null, null, null);
    }

    /** A request that may be an outlier, not profiled. */
    public RequestRecord(Endpoint endpoint, long startEpochMicros, long durationNanos, String method, int status,
            String user, String clientIp, OutlierWatch outlier) {
        this(endpoint, startEpochMicros, durationNanos, method, status, user, clientIp, outlier, null, null, null);
    }

    /** A request made by a test, without an exception. */
    public RequestRecord(Endpoint endpoint, long startEpochMicros, long durationNanos, String method, int status,
            String user, String clientIp, OutlierWatch outlier, ProfiledRequest profile, String test) {
        this(endpoint, startEpochMicros, durationNanos, method, status, user, clientIp, outlier, profile, test, null);
    }

    /** A request made by no test that ended with an exception. */
    public RequestRecord(Endpoint endpoint, long startEpochMicros, long durationNanos, String method, int status,
            String user, String clientIp, OutlierWatch outlier, ProfiledRequest profile, Throwable error) {
        this(endpoint, startEpochMicros, durationNanos, method, status, user, clientIp, outlier, profile, null, error);
    }
}
