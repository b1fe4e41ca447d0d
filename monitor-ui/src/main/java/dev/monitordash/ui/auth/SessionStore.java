package dev.monitordash.ui.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's own sessions, in memory. We do not use the container's {@code HttpSession}: the host
 * application owns its session configuration (cookie name, timeout, clustering), and monitoring must not
 * create sessions in it. Bounded (least recently used session goes first), with idle and absolute
 * expiry. Tokens are 256 random bits; the map is keyed by their SHA-256, so it holds no usable token.
 * Dashboard traffic is a handful of requests per page view, so one lock is plenty.
 */
public final class SessionStore {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(12);
    public static final int DEFAULT_MAX_SESSIONS = 1_000;

    /** A fresh session and the token its cookie carries; the token is not kept anywhere else. */
    public record Created(String token, UserSession session) {
    }

    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final int maxSessions;
    private final LinkedHashMap<String, UserSession> byKey; // guarded by this; access order = LRU

    public SessionStore() {
        this(Clock.systemUTC(), DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_AGE, DEFAULT_MAX_SESSIONS);
    }

    public SessionStore(Clock clock, Duration idleTimeout, Duration maxAge, int maxSessions) {
        if (maxSessions < 1) {
            throw new IllegalArgumentException("maxSessions must be at least 1, was " + maxSessions);
        }
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.maxAge = maxAge;
        this.maxSessions = maxSessions;
        this.byKey = new LinkedHashMap<>(16, 0.75f, true);
    }

    public Created create(String user, Role role) {
        String token = Tokens.random256();
        UserSession session = new UserSession(Tokens.digest(token), user, role, Tokens.random256(), clock.instant());
        synchronized (this) {
            if (byKey.size() >= maxSessions) {
                purgeExpired(clock.instant());
            }
            if (byKey.size() >= maxSessions) {
                Iterator<String> eldest = byKey.keySet().iterator();
                eldest.next();
                eldest.remove();
            }
            byKey.put(session.key(), session);
        }
        return new Created(token, session);
    }

    /** The live session of a token, refreshing its idle timer; empty when unknown or expired. */
    public Optional<UserSession> find(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String key = Tokens.digest(token);
        Instant now = clock.instant();
        synchronized (this) {
            UserSession session = byKey.get(key);
            if (session == null) {
                return Optional.empty();
            }
            if (expired(session, now)) {
                byKey.remove(key);
                return Optional.empty();
            }
            session.touch(now);
            return Optional.of(session);
        }
    }

    public synchronized void invalidate(UserSession session) {
        byKey.remove(session.key());
    }

    public synchronized int size() {
        return byKey.size();
    }

    private boolean expired(UserSession s, Instant now) {
        return now.isAfter(s.lastSeen().plus(idleTimeout)) || now.isAfter(s.created().plus(maxAge));
    }

    private void purgeExpired(Instant now) {
        for (Iterator<Map.Entry<String, UserSession>> it = byKey.entrySet().iterator(); it.hasNext(); ) {
            if (expired(it.next().getValue(), now)) {
                it.remove();
            }
        }
    }
}
