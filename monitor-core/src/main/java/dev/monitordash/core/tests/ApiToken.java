package dev.monitordash.core.tests;

import java.time.Instant;

/**
 * An API token as the store keeps it: everything but the secret, of which only a digest is stored.
 *
 * @param expiresAt null: never expires
 * @param lastUsed  null: never used
 */
public record ApiToken(long id, String name, String createdBy, Instant createdAt, Instant expiresAt,
        Instant lastUsed) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
