package dev.monitordash.core.outlier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Takes one outlier's capture: the request thread's stack and the request (fast, while the request thread
 * is held at its end), then the dump of all threads and the latest system snapshot. The watchdog owns one
 * and calls it from its thread; the benchmarks call it directly to time a capture. Not thread-safe.
 *
 * <p>It never samples the system itself: that is {@link SystemSampling}'s thread's job (or, for a capturer
 * with a sampler of its own, the caller's through {@link #sample()}), so a capture never waits for OSHI.
 */
public final class Capturer {

    private final SystemSampler ownSampler;
    private final Supplier<SystemSnapshot> latestSystem;
    private final ThreadCapture threads;
    private final Masking masking;

    /**
     * Masks and caps by {@code masking} and its {@link Masking#limits() limits}; takes the system figures
     * of its own sampler, which the caller refreshes with {@link #sample()}.
     */
    public Capturer(Masking masking) {
        this(masking, new SystemSampler());
    }

    private Capturer(Masking masking, SystemSampler sampler) {
        this.masking = masking;
        this.threads = new ThreadCapture(masking.limits());
        this.ownSampler = sampler;
        this.latestSystem = sampler::latest;
    }

    /** Takes the system figures from {@code latestSystem} (the watchdog's {@link SystemSampling}). */
    Capturer(Masking masking, Supplier<SystemSnapshot> latestSystem) {
        this.masking = masking;
        this.threads = new ThreadCapture(masking.limits());
        this.ownSampler = null;
        this.latestSystem = latestSystem;
    }

    /** Refreshes the system snapshot of this capturer's own sampler, on the caller's thread. */
    public SystemSnapshot sample() {
        if (ownSampler == null) {
            throw new IllegalStateException("this capturer's system figures are sampled in the background");
        }
        return ownSampler.sample();
    }

    /**
     * Runs the code a capture runs before the request thread is released (the stack of a thread, through
     * {@code ThreadMXBean}) once on the calling thread, so that its classes are loaded and the first real
     * capture is as quick as the next ones.
     */
    void warmUp() {
        threads.stackOf(Thread.currentThread(), masking.limits().requestStackDepth(), new ArrayList<>());
    }

    /**
     * Captures a request that started at {@code startNanos} on {@code requestThread} (null: an async
     * request no thread runs right now): {@link #read}, then {@link #dumpAll} and {@link #complete}.
     *
     * @param requestRead run as soon as the request has been read: the request thread may end from then on
     */
    public OutlierCapture capture(Thread requestThread, long startNanos, long thresholdNanos,
            Supplier<RequestData> requestData, Runnable requestRead) {
        Read read = read(requestThread, startNanos, thresholdNanos, requestData, requestRead);
        List<String> dumpNotes = new ArrayList<>();
        return complete(read, dumpAll(dumpNotes), dumpNotes);
    }

    /** What a capture takes while its request is held: the request thread's stack and the request. */
    record Read(long capturedAtMicros, long ranForNanos, long thresholdNanos, RequestData request,
            String requestThread, String requestStack, List<String> notes) {
    }

    /**
     * The part of a capture that holds the request: its thread's stack and the request, read while it
     * still runs (microseconds).
     *
     * @param requestRead run as soon as the request has been read: the request thread may end from then on
     */
    Read read(Thread requestThread, long startNanos, long thresholdNanos, Supplier<RequestData> requestData,
            Runnable requestRead) {
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
        return new Read(capturedAtMicros, ranFor, thresholdNanos, request,
                requestThread == null ? "(asynchronous)" : requestThread.getName(), stack, notes);
    }

    /** The dump of all threads (milliseconds: a safepoint, then every stack as text); {@code notes}: what it cut. */
    List<CapturedThread> dumpAll(List<String> notes) {
        return List.copyOf(threads.dumpAll(notes)); // shared by captures: copied once, not once each
    }

    /** A capture from its {@link #read}, a dump of all threads taken after it, and the latest system figures. */
    OutlierCapture complete(Read read, List<CapturedThread> dump, List<String> dumpNotes) {
        List<String> notes = new ArrayList<>(read.notes());
        notes.addAll(dumpNotes);
        // Null before the first sample: the watchdog adds the figures when they come (OutlierCapture.withSystem).
        SystemSnapshot system = latestSystem.get();
        if (system != null && system.sampledAt().isBefore(Instant.now().minusSeconds(5))) {
            notes.add("system figures are from " + system.sampledAt() + " (the system sampler was held up)");
        }
        return new OutlierCapture(read.capturedAtMicros(), read.ranForNanos(), read.thresholdNanos(),
                read.request(), read.requestThread(), read.requestStack(), dump, system, notes);
    }
}
