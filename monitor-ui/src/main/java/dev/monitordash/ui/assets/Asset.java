package dev.monitordash.ui.assets;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A static file held in memory with its content type and a strong ETag over its bytes. Assets are a few
 * small files read once, so every later request is served from memory or answered 304.
 */
public record Asset(byte[] bytes, String contentType, String etag) {

    public static Asset of(byte[] bytes, String contentType) {
        return new Asset(bytes, contentType, etagOf(bytes));
    }

    static String etagOf(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
