package dev.monitordash.ui.auth;

/**
 * Checks a password typed at login against the configured one, which may be plain text or a hash.
 * The dashboard only ever calls this; which formats are understood is up to the implementation
 * (core's {@code Passwords.verify} handles plain text and {@code {pbkdf2}...} hashes).
 */
@FunctionalInterface
public interface PasswordVerifier {

    /**
     * @param candidate  the password the user typed
     * @param configured the configured password or hash
     * @return true when they match; must take the same time whether or not they do
     */
    boolean verify(String candidate, String configured);

    /** Plain-text passwords compared in constant time; no hash formats. */
    static PasswordVerifier plainText() {
        return Tokens::constantTimeEquals;
    }
}
