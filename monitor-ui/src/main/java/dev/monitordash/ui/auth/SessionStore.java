package dev.monitordash.ui.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's own sessions, in memory. We do not use the container's {@code HttpSession}: the host
 * application owns its session configuration (cookie name, timeout, clustering), and monitoring must not
 * create sessions in it. Idle and absolute expiry. Tokens are 256 random bits; the map is keyed by their
 * SHA-256, so it holds no usable token. Dashboard traffic is a handful of requests per page view, so one
 * lock is plenty.
 *
 * <p>Bounded per account: an account's next session beyond {@link #DEFAULT_MAX_SESSIONS_PER_ACCOUNT} ends
 * that account's oldest, never another account's. A store-wide least-recently-used cap let 1 001 guest
 * logins log every admin out (issue 13, item 7). The accounts are the configured ones ({@link Accounts}:
 * admin and guest), so the store holds at most twice the cap.
 */
public final class SessionStore {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofHours(12);
    /** A person with a few browsers and devices, and scripts, stays well below it. */
    public static final int DEFAULT_MAX_SESSIONS_PER_ACCOUNT = 20;

    /** A fresh session and the token its cookie carries; the token is not kept anywhere else. */
    public record Created(String token, UserSession session) {
    }

    private final Clock clock;
    private final Duration idleTimeout;
    private final Duration maxAge;
    private final int maxPerAccount;
    private final Map<String, UserSession> byKey = new HashMap<>(); // guarded by this
    private final Map<String, ArrayDeque<UserSession>> byAccount = new HashMap<>(); // guarded by this; oldest first

    public SessionStore() {
        this(Clock.systemUTC(), DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_AGE, DEFAULT_MAX_SESSIONS_PER_ACCOUNT);
    }

    public SessionStore(Clock clock, Duration idleTimeout, Duration maxAge, int maxPerAccount) {
        if (maxPerAccount < 1) {
            throw new IllegalArgumentException("maxPerAccount must be at least 1, was " + maxPerAccount);
        }
        this.clock = clock;
        this.idleTimeout = idleTimeout;
        this.maxAge = maxAge;
        this.maxPerAccount = maxPerAccount;
    }

    public Created create(String user, Role role) {
        String token = Tokens.random256();
        Instant now = clock.instant();
        UserSession session = new UserSession(Tokens.digest(token), user, role, Tokens.random256(), now);
        synchronized (this) {
            ArrayDeque<UserSession> mine = byAccount.computeIfAbsent(account(session), a -> new ArrayDeque<>());
            for (Iterator<UserSession> it = mine.iterator(); it.hasNext(); ) {
                UserSession s = it.next();
                if (expired(s, now)) {
                    it.remove();
                    byKey.remove(s.key());
                }
            }
            while (mine.size() >= maxPerAccount) {
                byKey.remove(mine.removeFirst().key());
            }
            mine.addLast(session);
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
                remove(session);
                return Optional.empty();
            }
            session.touch(now);
            return Optional.of(session);
        }
    }

    public synchronized void invalidate(UserSession session) {
        remove(session);
    }

    public synchronized int size() {
        return byKey.size();
    }

    /** Live or not yet purged sessions of one account. */
    public synchronized int sizeOf(String user, Role role) {
        ArrayDeque<UserSession> mine = byAccount.get(account(user, role));
        return mine == null ? 0 : mine.size();
    }

    private void remove(UserSession session) {
        if (byKey.remove(session.key()) == null) {
            return;
        }
        String account = account(session);
        ArrayDeque<UserSession> mine = byAccount.get(account);
        if (mine != null) {
            mine.remove(session); // at most the cap long
            if (mine.isEmpty()) {
                byAccount.remove(account);
            }
        }
    }

    // By role and name: should the guest be configured with the admin's user name, guest logins still
    // never end an admin's session.
    private static String account(UserSession s) {
        return account(s.user(), s.role());
    }

    private static String account(String user, Role role) {
        return role.id() + ":" + user;
    }

    private boolean expired(UserSession s, Instant now) {
        return now.isAfter(s.lastSeen().plus(idleTimeout)) || now.isAfter(s.created().plus(maxAge));
    }
}
