package dev.monitordash.core.rollup;

/**
 * How many stored rollup values {@link Lenient} read as empty during the one dashboard read open on this
 * thread. The query layer opens one around each read (always in try-with-resources) and passes the count
 * on to whoever asked for the view; {@link Lenient} adds to it only while one is open, so the writer, which
 * never opens one, decodes exactly as before and a skip can never be charged to a later read.
 *
 * <p>A thread-local rather than a parameter: the decodes sit a few calls deep in a dozen view readers
 * (box plots, heatmaps, status codes, the report), and threading a counter through all of them would
 * change every reader's signature for a figure that is almost always zero. A read runs on one thread from
 * start to end (JDBC is synchronous), so the thread is exactly the read's scope.
 */
public final class SkippedValues implements AutoCloseable {

    private static final ThreadLocal<SkippedValues> OPEN = new ThreadLocal<>();

    private final SkippedValues enclosing;
    private int count;

    private SkippedValues(SkippedValues enclosing) {
        this.enclosing = enclosing;
    }

    /** Starts counting this thread's skipped values until {@link #close()}; one opened inside another hides it. */
    public static SkippedValues open() {
        SkippedValues scope = new SkippedValues(OPEN.get());
        OPEN.set(scope);
        return scope;
    }

    /** Called by {@link Lenient} for every value it read as empty; nothing happens outside a read. */
    static void skipped() {
        SkippedValues scope = OPEN.get();
        if (scope != null) {
            scope.count++;
        }
    }

    /** Stored values read as empty since this scope was opened. */
    public int count() {
        return count;
    }

    /** Gives the thread back to the enclosing scope (or to none). */
    @Override
    public void close() {
        if (OPEN.get() != this) {
            throw new IllegalStateException("skipped-value scopes must be closed innermost first");
        }
        if (enclosing == null) {
            OPEN.remove();
        } else {
            OPEN.set(enclosing);
        }
    }
}
