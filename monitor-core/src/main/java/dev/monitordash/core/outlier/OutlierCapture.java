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
 * @param system           the latest system snapshot; null only while the watchdog still completes the
 *                         capture (it was taken before the monitor's first system sample)
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

    /** This capture with {@code snapshot} as its system figures and {@code note}, if not null, added. */
    OutlierCapture withSystem(SystemSnapshot snapshot, String note) {
        List<String> n = notes;
        if (note != null) {
            n = new java.util.ArrayList<>(notes);
            n.add(note);
        }
        return new OutlierCapture(capturedAtMicros, ranForNanos, thresholdNanos, request, requestThread,
                requestStack, threads, snapshot, n);
    }
}
