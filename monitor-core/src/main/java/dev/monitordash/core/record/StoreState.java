package dev.monitordash.core.record;

/** What the writer last learned about the store, as the status API and the startup summary show it. */
public enum StoreState {
    /** Nothing has reached the store yet: it is being connected to (and migrated) in the background. */
    CONNECTING,
    /** The last write reached the store. */
    OK,
    /** The last attempt failed; see the pipeline's last error. */
    FAILING
}
