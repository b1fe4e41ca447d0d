package dev.monitordash.core.outlier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Takes one outlier's capture: the request thread's stack and the request (fast, while the request thread
 * is held at its end), then the dump of all threads and the latest system snapshot. The watchdog owns one
 * and calls it from its thread; the benchmarks call it directly to time a capture. Not thread-safe.
 */
public final class Capturer {

    private final SystemSampler sampler = new SystemSampler();
    private final ThreadCapture threads;
    private final Masking masking;

    /** Masks and caps by {@code masking} and its {@link Masking#limits() limits}. */
    public Capturer(Masking masking) {
        this.masking = masking;
        this.threads = new ThreadCapture(masking.limits());
    }

    /** Refreshes the system snapshot (the watchdog calls this every second). */
    public SystemSnapshot sample() {
        return sampler.sample();
    }

    /**
     * Captures a request that started at {@code startNanos} on {@code requestThread} (null: an async
     * request no thread runs right now).
     *
     * @param requestRead run as soon as the request has been read: the request thread may end from then on
     */
    public OutlierCapture capture(Thread requestThread, long startNanos, long thresholdNanos,
            Supplier<RequestData> requestData, Runnable requestRead) {
        long capturedAtMicros = System.currentTimeMillis() * 1_000L;
        long ranFor = System.nanoTime() - startNanos;
        List<String> notes = new ArrayList<>();
        String stack = "";
        RequestData request = null;
        try {
            if (requestThread != null) {
                stack = threads.stackOf(requestThread, masking.limits().requestStackDepth(), notes);
            } else {
                notes.add("the request is asynchronous: no thread was running it at the deadline;"
                        + " see the threads of the dump");
            }
            try {
                RequestData raw = requestData == null ? null : requestData.get();
                request = raw == null ? null : masking.apply(raw);
            } catch (RuntimeException e) {
                notes.add("the request could not be read: " + e);
            }
        } finally {
            requestRead.run(); // nothing below reads the request
        }
        List<CapturedThread> all = threads.dumpAll(notes);
        // The watchdog keeps the snapshot fresh; sampling here (reading /proc) only before the first one.
        SystemSnapshot system = sampler.latest();
        if (system == null) {
            system = sampler.sample();
        } else if (system.sampledAt().isBefore(Instant.now().minusSeconds(5))) {
            notes.add("system figures are from " + system.sampledAt() + " (the watchdog was busy)");
        }
        return new OutlierCapture(capturedAtMicros, ranFor, thresholdNanos, request,
                requestThread == null ? "(asynchronous)" : requestThread.getName(), stack, all, system, notes);
    }
}
