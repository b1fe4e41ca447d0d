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
    void whenFullTheLeastRecentlyUsedSessionGoesFirst() {
        String a = store.create("a", Role.GUEST).token();
        String b = store.create("b", Role.GUEST).token();
        String c = store.create("c", Role.GUEST).token();
        store.find(a); // b is now the least recently used

        String d = store.create("d", Role.GUEST).token();

        assertEquals(3, store.size());
        assertTrue(store.find(b).isEmpty());
        assertTrue(store.find(a).isPresent());
        assertTrue(store.find(c).isPresent());
        assertTrue(store.find(d).isPresent());
    }

    @Test
    void expiredSessionsMakeRoomBeforeLiveOnesAreEvicted() {
        String old = store.create("old", Role.GUEST).token();
        clock.advance(Duration.ofMinutes(20));
        String b = store.create("b", Role.GUEST).token();
        String c = store.create("c", Role.GUEST).token();
        clock.advance(Duration.ofMinutes(15)); // "old" idle for 35 min: expired
        store.find(b);
        store.find(c);

        String d = store.create("d", Role.GUEST).token();

        assertTrue(store.find(old).isEmpty());
        assertTrue(store.find(b).isPresent());
        assertTrue(store.find(c).isPresent());
        assertTrue(store.find(d).isPresent());
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
