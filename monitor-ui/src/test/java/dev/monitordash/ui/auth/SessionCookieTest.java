package dev.monitordash.ui.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SessionCookieTest {

    @Test
    void cookieIsHttpOnlyStrictAndScopedToTheDashboard() {
        assertEquals("MONITORDASH_SESSION=abc; Path=/app/dashboard; HttpOnly; SameSite=Strict",
                SessionCookie.header("/app/dashboard", "abc", false, false));
    }

    @Test
    void cookieIsSecureOverHttps() {
        assertEquals("MONITORDASH_SESSION=abc; Path=/dashboard; HttpOnly; SameSite=Strict; Secure",
                SessionCookie.header("/dashboard", "abc", true, false));
    }

    @Test
    void clearingExpiresTheCookieOnTheSamePath() {
        assertEquals("MONITORDASH_SESSION=; Path=/dashboard; HttpOnly; SameSite=Strict; "
                + "Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
                SessionCookie.header("/dashboard", "", false, true));
    }
}
