package dev.monitordash.ui.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows password guessing per client address: a few failures are free, then each further failure locks
 * the address out for twice as long as the one before (30 s, 60 s, ... up to 15 min). A locked-out
 * address is refused before its password is even checked, so guessing during a lockout learns nothing.
 * Lockouts instead of sleeping request threads: a sleeping login would let an attacker tie up the host
 * application's thread pool. Bounded: the least recently failing addresses are forgotten first.
 */
public final class LoginThrottle {

    public static final int DEFAULT_FREE_FAILURES = 5;
    public static final Duration DEFAULT_FIRST_LOCKOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_LOCKOUT = Duration.ofMinutes(15);
    /** Quiet time after which an address's failures are forgotten. */
    public static final Duration FORGET_AFTER = Duration.ofHours(1);
    public static final int DEFAULT_MAX_CLIENTS = 10_000;

    private static final class Failures {
        int count;
        Instant lastFailure;
        Instant lockedUntil = Instant.MIN;
    }

    private final Clock clock;
    private final int freeFailures;
    private final Duration firstLockout;
    private final Duration maxLockout;
    private final Map<String, Failures> byClient; // guarded by this

    public LoginThrottle() {
        this(Clock.systemUTC(), DEFAULT_FREE_FAILURES, DEFAULT_FIRST_LOCKOUT, DEFAULT_MAX_LOCKOUT, DEFAULT_MAX_CLIENTS);
    }

    public LoginThrottle(Clock clock, int freeFailures, Duration firstLockout, Duration maxLockout, int maxClients) {
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.firstLockout = firstLockout;
        this.maxLockout = maxLockout;
        this.byClient = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** How long the client must still wait before it may try a password; zero when it may now. */
    public synchronized Duration lockedFor(String client) {
        Failures f = current(client, clock.instant());
        if (f == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(clock.instant(), f.lockedUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Counts a failed login; from the {@code freeFailures}-th on, the client is locked out. */
    public synchronized void failed(String client) {
        Instant now = clock.instant();
        Failures f = current(client, now);
        if (f == null) {
            f = new Failures();
            byClient.put(client, f);
        }
        f.count++;
        f.lastFailure = now;
        if (f.count >= freeFailures) {
            f.lockedUntil = now.plus(lockout(f.count - freeFailures));
        }
    }

    public synchronized void succeeded(String client) {
        byClient.remove(client);
    }

    private Failures current(String client, Instant now) {
        Failures f = byClient.get(client);
        if (f != null && now.isAfter(f.lastFailure.plus(FORGET_AFTER)) && now.isAfter(f.lockedUntil)) {
            byClient.remove(client);
            return null;
        }
        return f;
    }

    private Duration lockout(int doublings) {
        // Shift at most 20 times: 2^20 x 30 s is far beyond any sensible cap, and cannot overflow.
        Duration d = firstLockout.multipliedBy(1L << Math.min(doublings, 20));
        return d.compareTo(maxLockout) > 0 ? maxLockout : d;
    }
}
