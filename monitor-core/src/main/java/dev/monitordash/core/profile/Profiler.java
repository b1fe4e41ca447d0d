package dev.monitordash.core.profile;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Level 3: one sampler thread for all profiled requests of a monitor. Every period it takes the stacks of
 * all profiled request threads in one {@code ThreadMXBean.getThreadInfo(ids, depth)} call (one safepoint
 * however many requests are profiled) and adds each to its request's call tree. Threads the bean does
 * not know (virtual threads) are sampled with {@link Thread#getStackTrace()}. Started on the first
 * profiled request; sleeps while none is profiled, woken by the next registration.
 */
public final class Profiler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Profiler.class);
    /** Frames kept per sample; deeper stacks lose their outermost frames' distinction (rare in practice). */
    static final int MAX_DEPTH = 256;

    private final long periodNanos;
    private final String threadName;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final ConcurrentLinkedQueue<ProfiledRequest> requests = new ConcurrentLinkedQueue<>();
    private final Object startLock = new Object();
    private volatile Thread sampler;
    private volatile boolean idle;
    private volatile boolean closed;

    public Profiler(long periodNanos, String threadName) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("sampling period must be positive");
        }
        this.periodNanos = periodNanos;
        this.threadName = threadName;
    }

    /** Starts sampling the current thread for a request of {@code endpoint}; null once closed. */
    public ProfiledRequest start(String endpoint) {
        if (closed) {
            return null;
        }
        ProfiledRequest r = new ProfiledRequest(endpoint, Thread.currentThread(), periodNanos);
        requests.offer(r);
        Thread t = sampler();
        if (idle) {
            idle = false;
            LockSupport.unpark(t);
        }
        return r;
    }

    private Thread sampler() {
        Thread t = sampler;
        if (t != null) {
            return t;
        }
        synchronized (startLock) {
            if (sampler == null) {
                Thread started = new Thread(this::run, threadName);
                started.setDaemon(true);
                started.start();
                sampler = started;
            }
            return sampler;
        }
    }

    private void run() {
        List<ProfiledRequest> live = new ArrayList<>();
        long next = System.nanoTime();
        while (!closed) {
            try {
                live.clear();
                for (Iterator<ProfiledRequest> it = requests.iterator(); it.hasNext(); ) {
                    ProfiledRequest r = it.next();
                    if (r.isFinished()) {
                        it.remove();
                    } else {
                        live.add(r);
                    }
                }
                if (live.isEmpty()) {
                    idle = true;
                    if (requests.isEmpty()) {
                        LockSupport.parkNanos(this, 1_000_000_000L);
                    }
                    idle = false;
                    next = System.nanoTime();
                    continue;
                }
                sample(live);
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(this, wait);
                } else {
                    next = System.nanoTime(); // fell behind: do not burst to catch up
                }
            } catch (Throwable t) {
                if (t instanceof VirtualMachineError) {
                    closed = true;
                    throw (VirtualMachineError) t;
                }
                LOG.warn("MonitorDash profiler failed; it carries on", t);
            }
        }
    }

    private void sample(List<ProfiledRequest> live) {
        long[] ids = new long[live.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = live.get(i).thread.getId();
        }
        ThreadInfo[] infos = threads.getThreadInfo(ids, MAX_DEPTH);
        for (int i = 0; i < ids.length; i++) {
            ProfiledRequest r = live.get(i);
            StackTraceElement[] stack = infos[i] != null ? infos[i].getStackTrace() : r.thread.getStackTrace();
            r.add(stack);
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = sampler;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
