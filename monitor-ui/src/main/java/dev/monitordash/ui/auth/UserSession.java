package dev.monitordash.ui.auth;

import java.time.Instant;

/**
 * A logged-in user. The CSRF token is per session and sent by the pages with every state change;
 * {@link #csrfMatches} compares in constant time.
 */
public final class UserSession {

    private final String key;
    private final String user;
    private final Role role;
    private final String csrfToken;
    private final Instant created;
    private volatile Instant lastSeen;

    UserSession(String key, String user, Role role, String csrfToken, Instant created) {
        this.key = key;
        this.user = user;
        this.role = role;
        this.csrfToken = csrfToken;
        this.created = created;
        this.lastSeen = created;
    }

    String key() {
        return key;
    }

    public String user() {
        return user;
    }

    public Role role() {
        return role;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public String csrfToken() {
        return csrfToken;
    }

    public boolean csrfMatches(String presented) {
        return presented != null && !presented.isEmpty() && Tokens.constantTimeEquals(csrfToken, presented);
    }

    Instant created() {
        return created;
    }

    Instant lastSeen() {
        return lastSeen;
    }

    void touch(Instant now) {
        lastSeen = now;
    }
}
