package dev.monitordash.core.outlier;

/** The default caps on what an outlier stores ({@link OutlierLimits} holds the configured ones), and the visible marker of a cut. */
public final class Truncation {

    /** Appended where something was cut, so a reader never takes a capped value for the whole. */
    public static final String MARK = "(truncated)";

    /** Frames kept of the request thread's stack. */
    public static final int REQUEST_STACK_DEPTH = 256;
    /** Frames kept per thread in the dump of all threads. */
    public static final int DUMP_STACK_DEPTH = 64;
    /** Threads kept in the dump of all threads. */
    public static final int DUMP_MAX_THREADS = 2_000;
    /** Characters of all dumped stacks together; later threads keep their name and state only. */
    public static final int DUMP_MAX_CHARS = 1_000_000;
    public static final int MAX_HEADERS = 100;
    public static final int MAX_PARAMETERS = 100;
    /** Characters of one header or parameter value, and of the URL and query string. */
    public static final int MAX_VALUE_CHARS = 4_096;

    private Truncation() {
    }

    /** The text, or its first {@code max} characters followed by " (truncated)". Null stays null. */
    public static String cap(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return text.substring(0, end) + " " + MARK;
    }
}
