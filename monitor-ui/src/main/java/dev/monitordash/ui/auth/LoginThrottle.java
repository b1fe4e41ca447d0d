package dev.monitordash.ui.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits logins per client address, two ways:
 * <ul>
 *   <li><b>Every attempt</b>, whatever its outcome, takes one from an allowance of
 *       {@value #DEFAULT_BURST} that refills by one every {@link #DEFAULT_REFILL_EVERY 3 s} (20 a minute
 *       sustained): successful logins too, since each creates a session and may cost a password hash's
 *       CPU (issue 13, item 7).</li>
 *   <li><b>Failures</b>: a few are free, then each further failure locks the address out for twice as
 *       long as the one before (30 s, 60 s, ... up to 15 min). A locked-out address is refused before its
 *       password is even checked, so guessing during a lockout learns nothing.</li>
 * </ul>
 * Refusals instead of sleeping request threads: a sleeping login would let an attacker tie up the host
 * application's thread pool. Bounded: the least recently seen addresses are forgotten first.
 */
public final class LoginThrottle {

    public static final int DEFAULT_FREE_FAILURES = 5;
    public static final Duration DEFAULT_FIRST_LOCKOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_LOCKOUT = Duration.ofMinutes(15);
    /** Logins an address may make at once (a person retrying, a few tabs, a script's runs). */
    public static final int DEFAULT_BURST = 20;
    public static final Duration DEFAULT_REFILL_EVERY = Duration.ofSeconds(3);
    /** Quiet time after which an address's failures are forgotten. */
    public static final Duration FORGET_AFTER = Duration.ofHours(1);
    public static final int DEFAULT_MAX_CLIENTS = 10_000;

    private static final class Client {
        int failures;
        Instant lastFailure = Instant.MIN;
        Instant lockedUntil = Instant.MIN;
        int allowance;
        Instant refilledAt;
    }

    private final Clock clock;
    private final int freeFailures;
    private final Duration firstLockout;
    private final Duration maxLockout;
    private final int burst;
    private final Duration refillEvery;
    private final Map<String, Client> byClient; // guarded by this

    public LoginThrottle() {
        this(Clock.systemUTC(), DEFAULT_FREE_FAILURES, DEFAULT_FIRST_LOCKOUT, DEFAULT_MAX_LOCKOUT, DEFAULT_MAX_CLIENTS);
    }

    public LoginThrottle(Clock clock, int freeFailures, Duration firstLockout, Duration maxLockout, int maxClients) {
        this(clock, freeFailures, firstLockout, maxLockout, DEFAULT_BURST, DEFAULT_REFILL_EVERY, maxClients);
    }

    public LoginThrottle(Clock clock, int freeFailures, Duration firstLockout, Duration maxLockout, int burst,
            Duration refillEvery, int maxClients) {
        if (burst < 1 || refillEvery.isNegative() || refillEvery.isZero()) {
            throw new IllegalArgumentException("burst must be at least 1 and refillEvery positive, were " + burst
                    + " and " + refillEvery);
        }
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.firstLockout = firstLockout;
        this.maxLockout = maxLockout;
        this.burst = burst;
        this.refillEvery = refillEvery;
        this.byClient = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Client> eldest) {
                return size() > maxClients;
            }
        };
    }

    /** How long the client is still locked out for its failures; zero when it is not. */
    public synchronized Duration lockedFor(String client) {
        Instant now = clock.instant();
        Client c = current(client, now);
        if (c == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, c.lockedUntil);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /**
     * Takes one login attempt from the client's allowance: zero when it may try now (the attempt is
     * counted), else how long until it may; a refused attempt is not counted.
     */
    public synchronized Duration tryAttempt(String client) {
        Instant now = clock.instant();
        Client c = currentOrNew(client, now);
        if (c.allowance == 0) {
            return Duration.between(now, c.refilledAt.plus(refillEvery));
        }
        c.allowance--;
        return Duration.ZERO;
    }

    /** Counts a failed login; from the {@code freeFailures}-th on, the client is locked out. */
    public synchronized void failed(String client) {
        Instant now = clock.instant();
        Client c = currentOrNew(client, now);
        c.failures++;
        c.lastFailure = now;
        if (c.failures >= freeFailures) {
            c.lockedUntil = now.plus(lockout(c.failures - freeFailures));
        }
    }

    /** Forgets the client's failures; its allowance stays as it is. */
    public synchronized void succeeded(String client) {
        Client c = current(client, clock.instant());
        if (c != null) {
            c.failures = 0;
            c.lockedUntil = Instant.MIN;
        }
    }

    private Client currentOrNew(String client, Instant now) {
        Client c = current(client, now);
        if (c == null) {
            c = new Client();
            c.allowance = burst;
            c.refilledAt = now;
            byClient.put(client, c);
        }
        return c;
    }

    /** The client's state brought up to {@code now}; null (and forgotten) when there is nothing to remember. */
    private Client current(String client, Instant now) {
        Client c = byClient.get(client);
        if (c == null) {
            return null;
        }
        if (c.failures > 0 && now.isAfter(c.lastFailure.plus(FORGET_AFTER)) && now.isAfter(c.lockedUntil)) {
            c.failures = 0;
        }
        long refills = Duration.between(c.refilledAt, now).dividedBy(refillEvery);
        if (refills > 0) {
            c.allowance = (int) Math.min(burst, c.allowance + refills);
            c.refilledAt = c.allowance == burst ? now : c.refilledAt.plus(refillEvery.multipliedBy(refills));
        }
        if (c.failures == 0 && !now.isBefore(c.lockedUntil) && c.allowance == burst) {
            byClient.remove(client);
            return null;
        }
        return c;
    }

    private Duration lockout(int doublings) {
        // Shift at most 20 times: 2^20 x 30 s is far beyond any sensible cap, and cannot overflow.
        Duration d = firstLockout.multipliedBy(1L << Math.min(doublings, 20));
        return d.compareTo(maxLockout) > 0 ? maxLockout : d;
    }
}
