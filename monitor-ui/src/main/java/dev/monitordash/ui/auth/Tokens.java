package dev.monitordash.ui.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Random secrets (session tokens, CSRF tokens, generated passwords) and their constant-time comparison. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {
    }

    /** 256 random bits, URL-safe Base64 (43 characters). */
    public static String random256() {
        return random(32);
    }

    /** {@code bytes} random bytes, URL-safe Base64. */
    public static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return URL_SAFE.encodeToString(b);
    }

    /**
     * Compares two secrets in time that depends on neither's content nor length: both are hashed to 32
     * bytes first, because {@link MessageDigest#isEqual} alone still returns early on a length mismatch.
     */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(a), sha256(b));
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The key a token is stored under, so the session map holds no usable token. */
    static String digest(String token) {
        return URL_SAFE.encodeToString(sha256(token));
    }
}
