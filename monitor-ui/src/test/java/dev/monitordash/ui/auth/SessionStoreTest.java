package dev.monitordash.ui.auth;

import dev.monitordash.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final SessionStore store = new SessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(12), 3);

    @Test
    void findsASessionByItsTokenOnly() {
        SessionStore.Created created = store.create("admin", Role.ADMIN);

        UserSession found = store.find(created.token()).orElseThrow();

        assertSame(created.session(), found);
        assertEquals("admin", found.user());
        assertEquals(Role.ADMIN, found.role());
        assertTrue(store.find(created.token() + "x").isEmpty());
        assertTrue(store.find("").isEmpty());
        assertTrue(store.find(null).isEmpty());
    }

    @Test
    void tokensAndCsrfTokensAreDistinct256BitValues() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            SessionStore.Created c = store.create("admin", Role.ADMIN);
            assertEquals(43, c.token().length());
            assertEquals(43, c.session().csrfToken().length());
            assertNotEquals(c.token(), c.session().csrfToken());
            assertTrue(seen.add(c.token()));
            assertTrue(seen.add(c.session().csrfToken()));
        }
    }

    @Test
    void anIdleSessionExpiresAndUseKeepsItAlive() {
        String token = store.create("admin", Role.ADMIN).token();

        clock.advance(Duration.ofMinutes(29));
        assertTrue(store.find(token).isPresent()); // refreshes the idle timer
        clock.advance(Duration.ofMinutes(29));
        assertTrue(store.find(token).isPresent());
        clock.advance(Duration.ofMinutes(31));

        assertTrue(store.find(token).isEmpty());
        assertEquals(0, store.size());
    }

    @Test
    void aSessionEndsAfterItsMaximumAgeEvenWhenInUse() {
        String token = store.create("admin", Role.ADMIN).token();
        for (int i = 0; i < 24; i++) {
            clock.advance(Duration.ofMinutes(29));
            assertTrue(store.find(token).isPresent(), "in use for " + (i + 1) * 29 + " min");
        }
        clock.advance(Duration.ofMinutes(29)); // 12 h 5 min after login, idle for only 29 min

        assertTrue(store.find(token).isEmpty());
    }

    @Test
    void anAccountsNextSessionBeyondTheCapEndsThatAccountsOldestEvenIfItWasUsedLast() {
        String a = store.create("admin", Role.ADMIN).token();
        String b = store.create("admin", Role.ADMIN).token();
        String c = store.create("admin", Role.ADMIN).token();
        store.find(a); // most recently used, but still the oldest: it goes first

        String d = store.create("admin", Role.ADMIN).token();

        assertEquals(3, store.sizeOf("admin", Role.ADMIN));
        assertTrue(store.find(a).isEmpty());
        assertTrue(store.find(b).isPresent());
        assertTrue(store.find(c).isPresent());
        assertTrue(store.find(d).isPresent());
    }

    @Test
    void oneAccountsLoginsNeverEndAnotherAccountsSessions() {
        String admin = store.create("admin", Role.ADMIN).token();
        // Same user name with another role is another account: a guest configured as "admin" cannot evict.
        for (int i = 0; i < 1_001; i++) {
            store.create("guest", Role.GUEST);
            store.create("admin", Role.GUEST);
        }

        assertTrue(store.find(admin).isPresent());
        assertEquals(3, store.sizeOf("guest", Role.GUEST));
        assertEquals(3, store.sizeOf("admin", Role.GUEST));
        assertEquals(1, store.sizeOf("admin", Role.ADMIN));
        assertEquals(7, store.size());
    }

    @Test
    void expiredSessionsMakeRoomBeforeLiveOnesAreEnded() {
        String old = store.create("guest", Role.GUEST).token();
        clock.advance(Duration.ofMinutes(20));
        String b = store.create("guest", Role.GUEST).token();
        String c = store.create("guest", Role.GUEST).token();
        clock.advance(Duration.ofMinutes(15)); // "old" idle for 35 min: expired
        store.find(b);
        store.find(c);

        String d = store.create("guest", Role.GUEST).token();

        assertTrue(store.find(old).isEmpty());
        assertTrue(store.find(b).isPresent());
        assertTrue(store.find(c).isPresent());
        assertTrue(store.find(d).isPresent());
    }

    @Test
    void anEndedSessionFreesItsPlaceInItsAccount() {
        SessionStore.Created a = store.create("guest", Role.GUEST);
        String b = store.create("guest", Role.GUEST).token();
        store.invalidate(a.session());
        store.invalidate(a.session()); // twice: nothing more happens

        store.create("guest", Role.GUEST);
        store.create("guest", Role.GUEST);

        assertTrue(store.find(b).isPresent(), "ending a session made room: b was not evicted");
        assertEquals(3, store.sizeOf("guest", Role.GUEST));
    }

    @Test
    void invalidateEndsTheSession() {
        SessionStore.Created created = store.create("admin", Role.ADMIN);
        store.invalidate(created.session());
        assertTrue(store.find(created.token()).isEmpty());
    }

    @Test
    void csrfTokenMatchesOnlyItself() {
        UserSession s = store.create("admin", Role.ADMIN).session();
        assertTrue(s.csrfMatches(s.csrfToken()));
        assertFalse(s.csrfMatches(null));
        assertFalse(s.csrfMatches(""));
        assertFalse(s.csrfMatches(s.csrfToken().substring(1)));
        assertFalse(s.csrfMatches(store.create("admin", Role.ADMIN).session().csrfToken()));
    }
}
