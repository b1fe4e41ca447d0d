package dev.monitordash.core.rollup;

/**
 * Stored rollup bytes that cannot be decoded: corrupt, truncated, or written by a newer MonitorDash in a
 * format version this code does not know. Every {@code decode} of this package throws this and nothing
 * else on bad input, so that the store can skip or rebuild one bad rollup instead of failing a page.
 */
public final class RollupFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RollupFormatException(String message) {
        super(message);
    }

    public RollupFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
