package dev.monitordash.core.query;

import java.time.Instant;

/**
 * One stored request, as the failed-requests list and the export show it.
 *
 * @param endpoint       route template
 * @param startedAt      start, microsecond precision
 * @param durationMillis execution time in milliseconds (microsecond precision)
 * @param method         HTTP method
 * @param status         HTTP status
 * @param version        app version
 * @param user           user (group), null when unknown
 * @param clientIp       client address, null when unknown
 * @param service        service name
 * @param instance       instance name
 */
public record StoredRequest(String endpoint, Instant startedAt, double durationMillis, String method, int status,
        String version, String user, String clientIp, String service, String instance) {
}
