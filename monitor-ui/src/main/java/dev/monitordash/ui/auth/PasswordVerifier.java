package dev.monitordash.ui.auth;

import dev.monitordash.core.security.Passwords;

/**
 * Checks a password typed at login against the configured one, which may be plain text or a hash.
 * The dashboard only ever calls this; which formats are understood is up to the implementation
 * ({@link #configured()} handles plain text, {@code {noop}} and {@code {pbkdf2}...} hashes).
 */
@FunctionalInterface
public interface PasswordVerifier {

    /**
     * @param candidate  the password the user typed
     * @param configured the configured password or hash
     * @return true when they match; must take the same time whether or not they do
     */
    boolean verify(String candidate, String configured);

    /** Every format the configuration accepts (plain, {@code {noop}}, {@code {pbkdf2}}), in constant time. */
    static PasswordVerifier configured() {
        return (candidate, configured) -> Passwords.matches(configured, candidate);
    }

    /** Plain-text passwords compared in constant time; no hash formats. */
    static PasswordVerifier plainText() {
        return Tokens::constantTimeEquals;
    }
}
