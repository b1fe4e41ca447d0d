package dev.monitordash.ui.auth;

import java.util.Locale;

/** What a logged-in user may do. Guests view; admins also change monitoring levels (and, later, export). */
public enum Role {
    ADMIN,
    GUEST;

    /** The name used in JSON and the UI: {@code admin}, {@code guest}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
