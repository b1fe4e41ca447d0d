package dev.monitordash.core.outlier;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * One running request at level ≥ 2, registered with the {@link Watchdog} from its start until
 * {@link #finish()}. If it is still running at its deadline the watchdog captures it; the request then
 * is an outlier and this watch travels with its record to the store, which takes the capture with
 * {@link #awaitCapture}.
 *
 * <p>Reading the application's request from the watchdog thread is only safe while the request is
 * running (containers recycle request objects), so the two threads hand over through one state: the
 * watchdog claims the watch before reading the request, and {@link #finish()} waits for that short
 * read (microseconds) before the request thread lets the container move on. The slow parts of a
 * capture (thread dump, system snapshot) run after that and never hold the request thread.
 */
public final class OutlierWatch {

    static final int RUNNING = 0;
    /** Finished before its deadline: not an outlier. */
    static final int DONE = 1;
    /** The watchdog is reading the request and its thread's stack. */
    static final int READING = 2;
    /** The request has been read; the rest of the capture may still be running. */
    static final int READ = 3;

    private static final VarHandle STATE;
    private static final long MAX_FINISH_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(OutlierWatch.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String endpoint;
    private volatile Thread thread;
    final long startNanos;
    final long deadlineNanos;
    final long thresholdNanos;
    final Supplier<RequestData> requestData;
    @SuppressWarnings("unused") // through STATE
    private volatile int state;
    private OutlierCapture capture; // guarded by this
    private boolean captureDone;     // guarded by this

    OutlierWatch(String endpoint, Thread thread, long startNanos, long thresholdNanos,
            Supplier<RequestData> requestData) {
        this.endpoint = endpoint;
        this.thread = thread;
        this.startNanos = startNanos;
        this.thresholdNanos = thresholdNanos;
        this.deadlineNanos = startNanos + thresholdNanos;
        this.requestData = requestData;
    }

    /**
     * A watch whose capture is already complete: for records of outliers captured elsewhere (imports,
     * tests of stores) rather than by the watchdog.
     */
    public static OutlierWatch completed(String endpoint, OutlierCapture capture) {
        OutlierWatch w = new OutlierWatch(endpoint, Thread.currentThread(), System.nanoTime(),
                capture.thresholdNanos(), null);
        w.state = READ;
        w.complete(capture);
        return w;
    }

    /**
     * Called by the request thread when the request has ended. Returns whether it became an outlier
     * (then attach this watch to the request's record); in that case it may wait, microseconds, until the
     * watchdog has finished reading the request.
     */
    public boolean finish() {
        if (STATE.compareAndSet(this, RUNNING, DONE)) {
            return false;
        }
        if (state == DONE) {
            return false; // finished before: calling again changes nothing
        }
        long start = System.nanoTime();
        int spins = 0;
        while (state == READING && System.nanoTime() - start < MAX_FINISH_WAIT_NANOS) {
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(10_000);
            }
        }
        return true;
    }

    /**
     * The request went asynchronous and its first thread returned to the container: from now on no
     * thread stands for the request, so a capture takes no request stack (it notes why) but still the
     * dump of all threads, where the threads working for it show.
     */
    public void leftThread() {
        thread = null;
    }

    /** The request's thread, or null once it went asynchronous. */
    Thread thread() {
        return thread;
    }

    /** The endpoint this watch was registered for. */
    public String endpoint() {
        return endpoint;
    }

    boolean isFinished() {
        return state == DONE;
    }

    /** Neither finished nor claimed by the watchdog yet. */
    boolean isRunning() {
        return state == RUNNING;
    }

    /** Watchdog: claims a running request for capture; false if it finished meanwhile. */
    boolean claim() {
        return STATE.compareAndSet(this, RUNNING, READING);
    }

    /** Watchdog: the request has been read, the request thread may go on. */
    void released() {
        state = READ;
    }

    synchronized void complete(OutlierCapture c) {
        capture = c;
        captureDone = true;
        notifyAll();
    }

    /**
     * The capture, waiting at most {@code timeoutMillis} for the watchdog to finish it; null if it did not
     * (or failed). Called by the store's writer, never by a request thread.
     */
    public synchronized OutlierCapture awaitCapture(long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (!captureDone) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return capture;
    }
}
