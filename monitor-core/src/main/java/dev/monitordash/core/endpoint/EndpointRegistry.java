package dev.monitordash.core.endpoint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * All endpoints by route template. {@link #lookup(String)} is the request hot path: one
 * {@code ConcurrentHashMap} read when the endpoint is known. Unknown names are learned (with the default
 * level) until {@code maxEndpoints} distinct routes exist; after that they count under one overflow
 * endpoint, so that a mis-resolved URL cannot grow the map (JavaMelody's users fight exactly that).
 */
public final class EndpointRegistry {

    private final ConcurrentHashMap<String, Endpoint> byName = new ConcurrentHashMap<>();
    private final int maxEndpoints;
    private final int defaultLevel;
    private final Endpoint overflow;
    private final Endpoint notFound;
    private volatile Consumer<Endpoint> onLearned = e -> { };
    private int routes; // guarded by this
    private volatile boolean full;

    public EndpointRegistry(int maxEndpoints, int defaultLevel) {
        this.maxEndpoints = maxEndpoints;
        this.defaultLevel = defaultLevel;
        this.overflow = new Endpoint(Endpoint.OVERFLOW_NAME, Endpoint.Kind.OVERFLOW, null, defaultLevel);
        this.notFound = new Endpoint(Endpoint.NOT_FOUND_NAME, Endpoint.Kind.NOT_FOUND, null, defaultLevel);
        byName.put(overflow.name(), overflow);
        byName.put(notFound.name(), notFound);
    }

    /** Called once for each endpoint that becomes known (discovered or learned), e.g. to persist it. */
    public void onLearned(Consumer<Endpoint> listener) {
        this.onLearned = Objects.requireNonNull(listener);
    }

    /** The endpoint of a route template; learns it on first sight, or returns the overflow endpoint. */
    public Endpoint lookup(String name) {
        Endpoint e = byName.get(name);
        return e != null ? e : learn(name, null, Endpoint.Kind.ROUTE, defaultLevel);
    }

    /** The endpoint if known, without learning it. */
    public Endpoint find(String name) {
        return byName.get(name);
    }

    /** Declares a route found at startup (the rules table lists endpoints before they are requested). */
    public Endpoint declare(String name, String handler) {
        Endpoint e = learn(name, handler, Endpoint.Kind.ROUTE, defaultLevel);
        if (handler != null && e.kind() == Endpoint.Kind.ROUTE && e.handler() == null) {
            e.handler(handler);
        }
        return e;
    }

    /** Declares the dashboard's own route: requests to it are never recorded. */
    public Endpoint declareInternal(String name) {
        Endpoint internal = new Endpoint(name, Endpoint.Kind.INTERNAL, "MonitorDash dashboard", MonitoringLevel.OFF);
        byName.put(name, internal);
        return internal;
    }

    /** Restores an endpoint known from the store, with its stored level, before any request arrives. */
    public Endpoint restore(String name, String handler, int level) {
        Endpoint e = byName.get(name);
        if (e == null) {
            e = learn(name, handler, Endpoint.Kind.ROUTE, level);
        }
        if (e.kind() != Endpoint.Kind.INTERNAL) {
            e.level(level);
        }
        return e;
    }

    public Endpoint overflow() {
        return overflow;
    }

    public Endpoint notFound() {
        return notFound;
    }

    /** Every endpoint except the dashboard's own, in no particular order. */
    public Collection<Endpoint> all() {
        List<Endpoint> list = new ArrayList<>(byName.size());
        for (Endpoint e : byName.values()) {
            if (e.kind() != Endpoint.Kind.INTERNAL) {
                list.add(e);
            }
        }
        return list;
    }

    // Rare path (first request of a route): synchronized so the cap is exact under concurrency.
    // Once full, unknown names return the overflow endpoint without taking the lock.
    private Endpoint learn(String name, String handler, Endpoint.Kind kind, int level) {
        if (full) {
            return overflow;
        }
        Endpoint e;
        synchronized (this) {
            e = byName.get(name);
            if (e != null) {
                return e;
            }
            if (routes >= maxEndpoints) {
                full = true;
                return overflow;
            }
            e = new Endpoint(name, kind, handler, level);
            byName.put(name, e);
            routes++;
        }
        onLearned.accept(e);
        return e;
    }
}
