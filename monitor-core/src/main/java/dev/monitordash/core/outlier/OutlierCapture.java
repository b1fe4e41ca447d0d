package dev.monitordash.core.outlier;

import java.util.List;

/**
 * Everything captured when a request passed its deadline, taken off the request thread.
 *
 * @param capturedAtMicros when, epoch microseconds (UTC)
 * @param ranForNanos      how long the request had run at that moment
 * @param thresholdNanos   the endpoint's threshold the request passed
 * @param request          masked and capped; null if the application's request could not be read
 * @param requestStack     the request thread's stack at the deadline (see {@link CapturedThread#stack()})
 * @param threads          all threads of the JVM at that moment
 * @param notes            what was cut or could not be captured
 */
public record OutlierCapture(
        long capturedAtMicros,
        long ranForNanos,
        long thresholdNanos,
        RequestData request,
        String requestThread,
        String requestStack,
        List<CapturedThread> threads,
        SystemSnapshot system,
        List<String> notes) {

    public OutlierCapture {
        threads = List.copyOf(threads);
        notes = List.copyOf(notes);
    }
}
