package dev.monitordash.core.profile;

/**
 * A request's (or an endpoint's merged) call tree with the time it stands for: each sample is worth
 * {@code period}, scaled so that all samples together are the measured duration.
 */
public final class Profile {

    private final String endpoint;
    private final CallTree tree;
    private final long periodNanos;
    private final long durationNanos;

    public Profile(String endpoint, CallTree tree, long periodNanos, long durationNanos) {
        this.endpoint = endpoint;
        this.tree = tree;
        this.periodNanos = periodNanos;
        this.durationNanos = durationNanos;
    }

    public String endpoint() {
        return endpoint;
    }

    public CallTree tree() {
        return tree;
    }

    public long periodNanos() {
        return periodNanos;
    }

    public long durationNanos() {
        return durationNanos;
    }

    public long samples() {
        return tree.samples();
    }

    /** Time attributed to a node: its share of the samples × the measured duration. */
    public double nanosOf(CallTree.Node node) {
        return samples() == 0 ? 0 : (double) node.hits() / samples() * durationNanos;
    }

    /** Share (0-1) of the samples that had a node on the stack. */
    public double shareOf(CallTree.Node node) {
        return samples() == 0 ? 0 : (double) node.hits() / samples();
    }
}
