package dev.monitordash.ui.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokensTest {

    @Test
    void constantTimeEqualsComparesWholeValues() {
        assertTrue(Tokens.constantTimeEquals("pässwörd", "pässwörd"));
        assertFalse(Tokens.constantTimeEquals("password", "passwore"));
        assertFalse(Tokens.constantTimeEquals("password", "password "));
        assertFalse(Tokens.constantTimeEquals("password", "passwor"));
        assertFalse(Tokens.constantTimeEquals("", "x"));
        assertTrue(Tokens.constantTimeEquals("", ""));
        assertFalse(Tokens.constantTimeEquals(null, ""));
        assertFalse(Tokens.constantTimeEquals("", null));
    }

    @Test
    void randomTokensAreUrlSafe() {
        String t = Tokens.random256();
        assertTrue(t.matches("[A-Za-z0-9_-]{43}"), t);
    }
}
