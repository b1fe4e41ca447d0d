package dev.monitordash.core.outlier;

import dev.monitordash.core.config.MonitorConfig;

/**
 * The size caps of what one outlier stores (configurable; defaults in {@link Truncation}). Whatever a
 * request sends and however many threads the JVM runs, an outlier stays bounded, and every cut is marked
 * "(truncated)".
 *
 * @param requestStackDepth frames kept of the request thread's stack
 * @param dumpStackDepth    frames kept per thread in the dump of all threads
 * @param dumpThreads       threads kept in the dump
 * @param dumpChars         characters of all dumped stacks together; later threads keep name and state only
 * @param fields            headers kept, and parameters kept
 * @param valueChars        characters of one header or parameter value, of the URL and of the query string
 */
public record OutlierLimits(int requestStackDepth, int dumpStackDepth, int dumpThreads, int dumpChars, int fields,
        int valueChars) {

    public static final OutlierLimits DEFAULTS = new OutlierLimits(Truncation.REQUEST_STACK_DEPTH,
            Truncation.DUMP_STACK_DEPTH, Truncation.DUMP_MAX_THREADS, Truncation.DUMP_MAX_CHARS,
            Truncation.MAX_HEADERS, Truncation.MAX_VALUE_CHARS);

    public OutlierLimits {
        if (requestStackDepth < 1 || dumpStackDepth < 1 || dumpThreads < 1 || dumpChars < 1 || fields < 0
                || valueChars < 1) {
            throw new IllegalArgumentException("outlier limits must be positive (fields may be 0)");
        }
    }

    public static OutlierLimits of(MonitorConfig config) {
        return new OutlierLimits(config.outlierMaxStackDepth(), config.outlierMaxDumpStackDepth(),
                config.outlierMaxDumpThreads(), config.outlierMaxDumpChars(), config.outlierMaxFields(),
                config.outlierMaxValueChars());
    }
}
