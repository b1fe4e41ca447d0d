package dev.monitordash.core.endpoint;

/**
 * One monitored endpoint, named by its route template (never a raw URL). Shared between request
 * threads (which read {@link #level()}) and the dashboard (which changes it); a change takes effect on
 * the next request because the level is volatile.
 */
public final class Endpoint {

    /** How the endpoint came to be known. */
    public enum Kind {
        /** A route of the application (discovered at startup, or learned when first requested). */
        ROUTE,
        /** The one endpoint all requests beyond the endpoint cap are counted under. */
        OVERFLOW,
        /** The one endpoint all 404 responses of unmapped URLs are counted under. */
        NOT_FOUND,
        /** The dashboard's own routes: never recorded, never listed. */
        INTERNAL
    }

    public static final String OVERFLOW_NAME = "(other endpoints)";
    public static final String NOT_FOUND_NAME = "(not found)";

    private final String name;
    private final Kind kind;
    private volatile String handler;
    private volatile int level;

    public Endpoint(String name, Kind kind, String handler, int level) {
        if (!MonitoringLevel.isValid(level)) {
            throw new IllegalArgumentException("monitoring level must be 0-3, was " + level);
        }
        this.name = name;
        this.kind = kind;
        this.handler = handler;
        this.level = kind == Kind.INTERNAL ? MonitoringLevel.OFF : level;
    }

    /** The route template, e.g. {@code /users/*} or {@code /users/{id}}. */
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** What serves the route (servlet name, controller method), for the rules table; may be null. */
    public String handler() {
        return handler;
    }

    public void handler(String handler) {
        this.handler = handler;
    }

    public int level() {
        return level;
    }

    /** Changes the level; takes effect on the next request. The dashboard's endpoint stays off. */
    public void level(int newLevel) {
        if (!MonitoringLevel.isValid(newLevel)) {
            throw new IllegalArgumentException("monitoring level must be 0-3, was " + newLevel);
        }
        if (kind != Kind.INTERNAL) {
            this.level = newLevel;
        }
    }

    @Override
    public String toString() {
        return name + "[" + kind + ", level " + level + "]";
    }
}
