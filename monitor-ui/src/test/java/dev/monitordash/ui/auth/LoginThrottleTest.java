package dev.monitordash.ui.auth;

import dev.monitordash.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, Duration.ofSeconds(30), Duration.ofMinutes(5), 2);

    @Test
    void theFirstFailuresAreFreeThenTheAddressIsLockedOut() {
        throttle.failed("10.0.0.1");
        throttle.failed("10.0.0.1");
        assertEquals(Duration.ZERO, throttle.lockedFor("10.0.0.1"));

        throttle.failed("10.0.0.1");

        assertEquals(Duration.ofSeconds(30), throttle.lockedFor("10.0.0.1"));
        assertEquals(Duration.ZERO, throttle.lockedFor("10.0.0.2"), "other addresses are not affected");
    }

    @Test
    void eachFurtherFailureDoublesTheLockoutUpToTheCap() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("a");
        }
        Duration[] expected = {Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(240),
            Duration.ofMinutes(5), Duration.ofMinutes(5)};
        for (Duration d : expected) {
            clock.advance(throttle.lockedFor("a"));
            throttle.failed("a");
            assertEquals(d, throttle.lockedFor("a"));
        }
    }

    @Test
    void theLockoutRunsOut() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("a");
        }
        clock.advance(Duration.ofSeconds(29));
        assertEquals(Duration.ofSeconds(1), throttle.lockedFor("a"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, throttle.lockedFor("a"));
    }

    @Test
    void aSuccessfulLoginForgetsTheFailures() {
        throttle.failed("a");
        throttle.failed("a");
        throttle.succeeded("a");
        throttle.failed("a");
        throttle.failed("a");
        assertEquals(Duration.ZERO, throttle.lockedFor("a"));
    }

    @Test
    void failuresAreForgottenAfterAnHourOfQuiet() {
        throttle.failed("a");
        throttle.failed("a");
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        throttle.failed("a");
        assertEquals(Duration.ZERO, throttle.lockedFor("a"));
    }

    @Test
    void memoryIsBoundedByForgettingTheLeastRecentAddress() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("a");
        }
        throttle.failed("b");
        throttle.failed("c"); // max 2 addresses: "a" is forgotten

        assertEquals(Duration.ZERO, throttle.lockedFor("a"));
    }

    @Test
    void everyAttemptTakesFromTheAllowanceWhateverItsOutcomeAndItRefills() {
        LoginThrottle t = new LoginThrottle(clock, 5, Duration.ofSeconds(30), Duration.ofMinutes(5), 3,
                Duration.ofSeconds(3), 100);
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, t.tryAttempt("a"));
            t.succeeded("a"); // a success does not give the attempt back
        }
        clock.advance(Duration.ofMillis(1_000));

        assertEquals(Duration.ofSeconds(2), t.tryAttempt("a"));
        assertEquals(Duration.ofSeconds(2), t.tryAttempt("a"), "a refused attempt is not counted");
        assertEquals(Duration.ZERO, t.tryAttempt("b"), "other addresses are not affected");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(Duration.ZERO, t.tryAttempt("a"));
        assertEquals(Duration.ofSeconds(3), t.tryAttempt("a"));
        clock.advance(Duration.ofMinutes(1)); // refilled to the burst, not beyond
        for (int i = 0; i < 3; i++) {
            assertEquals(Duration.ZERO, t.tryAttempt("a"));
        }
        assertEquals(Duration.ofSeconds(3), t.tryAttempt("a"));
    }
}
