package dev.monitordash.core.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call tree of sampled stacks: each node is a frame ({@code class.method}) under its caller, with the
 * number of samples that had it on the stack. Built by the sampler thread only; read once complete.
 */
public final class CallTree {

    /** One frame under its caller. */
    public static final class Node {
        private final String frame;
        private long hits;
        private final Map<String, Node> children = new LinkedHashMap<>(4);

        Node(String frame) {
            this.frame = frame;
        }

        public String frame() {
            return frame;
        }

        /** Samples that had this frame, called from this path, on the stack. */
        public long hits() {
            return hits;
        }

        public List<Node> children() {
            return new ArrayList<>(children.values());
        }

        Node child(String f) {
            return children.computeIfAbsent(f, Node::new);
        }

        void add(long n) {
            hits += n;
        }

        /** Adds another tree's node below this one, hits and all. */
        void merge(Node other) {
            hits += other.hits;
            for (Node c : other.children.values()) {
                child(c.frame).merge(c);
            }
        }
    }

    private final Node root = new Node("(all)");

    /** The root: its hits are the number of samples. */
    public Node root() {
        return root;
    }

    public long samples() {
        return root.hits;
    }

    /** Adds one sampled stack, innermost frame first (as {@link Thread#getStackTrace()} gives it). */
    void add(StackTraceElement[] stack) {
        root.add(1);
        Node n = root;
        for (int i = stack.length - 1; i >= 0; i--) {
            n = n.child(stack[i].getClassName() + "." + stack[i].getMethodName());
            n.add(1);
        }
    }

    /** Adds a node by path from the root (stores rebuilding a tree). */
    public Node addPath(Node parent, String frame, long hits) {
        Node n = (parent == null ? root : parent).child(frame);
        n.add(hits);
        return n;
    }

    /** Adds to the root's sample count (stores rebuilding a tree). */
    public void addSamples(long n) {
        root.add(n);
    }

    /** Merges another tree into this one (a grouped profile of several requests). */
    public void merge(CallTree other) {
        root.merge(other.root);
    }

    /** Samples with a frame containing {@code text} on the stack, however many paths lead to it. */
    public long hitsOf(String text) {
        long sum = 0;
        for (Node c : root.children.values()) {
            sum += hitsOf(c, text);
        }
        return sum;
    }

    // The outermost matching frame of each path counts: recursion into the same frame is not counted twice.
    private static long hitsOf(Node n, String text) {
        if (n.frame.contains(text)) {
            return n.hits;
        }
        long sum = 0;
        for (Node c : n.children.values()) {
            sum += hitsOf(c, text);
        }
        return sum;
    }
}
