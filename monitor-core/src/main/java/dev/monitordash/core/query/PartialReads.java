package dev.monitordash.core.query;

/**
 * Whether the dashboard reads a caller made were partial: how many stored values (a rollup's sketch,
 * status counts, hour slots or report sample) could not be read and were left out of the figures. A view
 * still answers over such a value (see {@link dev.monitordash.core.rollup.Lenient}); this says so.
 *
 * <pre>{@code
 * try (PartialReads reads = PartialReads.track()) {
 *     BubbleChart chart = queries.analytics().bubbles(...);
 *     if (reads.isPartial()) { ... "partial: " + reads.unreadable() + " stored values could not be read" }
 * }
 * }</pre>
 *
 * <p>Why a scope beside the calls rather than a flag in every result: the views return some twenty
 * different records and lists, most of them used by callers that never care, and a single API answer may
 * be made of several calls. The tally counts every {@link DashboardQueries} / {@link AnalyticsQueries}
 * call made on this thread while it is open, each read's own count handed over by the query layer when the
 * read ends ({@link Reads}); only skips during a dashboard read count, never the writer's (which continues
 * an unreadable value from empty). Per thread, because the calls run on the caller's thread; always close
 * it (try-with-resources), so that no count outlives the call it belongs to on a pooled thread. A tally
 * opened inside another hands its count on to the enclosing one when closed.
 */
public final class PartialReads implements AutoCloseable {

    private static final ThreadLocal<PartialReads> OPEN = new ThreadLocal<>();

    private final PartialReads enclosing;
    private int unreadable;

    private PartialReads(PartialReads enclosing) {
        this.enclosing = enclosing;
    }

    /** Starts counting the unreadable values of the dashboard calls this thread makes until {@link #close()}. */
    public static PartialReads track() {
        PartialReads tally = new PartialReads(OPEN.get());
        OPEN.set(tally);
        return tally;
    }

    /** Called by {@link Reads} when a read ends; dropped when nobody is tracking. */
    static void add(int unreadable) {
        PartialReads tally = OPEN.get();
        if (tally != null) {
            tally.unreadable += unreadable;
        }
    }

    /** For reads outside this package (resource summaries): {@code n} stored values were left out. */
    public static void countUnreadable(int n) {
        add(n);
    }

    /** Stored values the calls so far could not read and left out; 0 when every figure is complete. */
    public int unreadable() {
        return unreadable;
    }

    public boolean isPartial() {
        return unreadable > 0;
    }

    @Override
    public void close() {
        if (OPEN.get() != this) {
            throw new IllegalStateException("partial-read tallies must be closed innermost first");
        }
        if (enclosing == null) {
            OPEN.remove();
        } else {
            OPEN.set(enclosing);
            enclosing.unreadable += unreadable;
        }
    }
}
