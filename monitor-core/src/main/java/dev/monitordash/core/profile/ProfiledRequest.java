package dev.monitordash.core.profile;

/**
 * One request at level 3, sampled by the {@link Profiler}'s thread from its start until {@link #finish()}.
 * The sampler adds stacks under this object's lock; the request thread only flips a volatile flag when it
 * ends, and the store's writer reads the tree later under the same lock, so the request thread never
 * waits for a lock.
 */
public final class ProfiledRequest {

    final Thread thread;
    final String endpoint;
    private final long periodNanos;
    private final CallTree tree = new CallTree(); // guarded by this
    private volatile boolean finished;

    ProfiledRequest(String endpoint, Thread thread, long periodNanos) {
        this.endpoint = endpoint;
        this.thread = thread;
        this.periodNanos = periodNanos;
    }

    /** The request ended: no further samples. */
    public void finish() {
        finished = true;
    }

    boolean isFinished() {
        return finished;
    }

    synchronized void add(StackTraceElement[] stack) {
        if (!finished && stack.length > 0) {
            tree.add(stack);
        }
    }

    /** The profile, with times scaled so that the samples add up to the measured duration. */
    public synchronized Profile profile(long durationNanos) {
        return new Profile(endpoint, tree, periodNanos, durationNanos);
    }
}
