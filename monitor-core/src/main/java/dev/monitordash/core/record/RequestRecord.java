package dev.monitordash.core.record;

import dev.monitordash.core.endpoint.Endpoint;

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
 */
public record RequestRecord(
        Endpoint endpoint,
        long startEpochMicros,
        long durationNanos,
        String method,
        int status,
        String user,
        String clientIp) {
}
