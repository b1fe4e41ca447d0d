package dev.monitordash.core.store;

/**
 * The store will never be written by this monitor (another copy of SQLite in this JVM owns its file):
 * unlike an unreachable database, retrying cannot help, so work waiting for it is dropped, not retried.
 */
public final class StoreRefusedException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreRefusedException(String message) {
        super(message);
    }
}
