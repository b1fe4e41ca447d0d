package dev.monitordash.core.outlier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which header and parameter names carry credentials: one rule for both, because the same secret travels
 * as {@code X-Api-Key} in one client and {@code ?api_key=} in the next.
 *
 * <p>A name is cut into tokens at every character that is not a letter or digit and at camelCase humps
 * ({@code X-Hub-Signature-256} → x, hub, signature, 256; {@code csrfToken} → csrf, token;
 * {@code APIKey} → api, key), lower-cased. It is sensitive when a token
 * <ul>
 *   <li>is one of the {@link #SHORT_WORDS} exactly: short words inside longer tokens are mostly
 *       coincidence ({@code key} in {@code Monkey}, {@code auth} in {@code Author}, {@code sid} in
 *       {@code inside}), or</li>
 *   <li>contains one of the {@link #LONG_WORDS}: they are long enough that an occurrence is no
 *       coincidence, and catch compounds written without a separator ({@code JSESSIONID},
 *       {@code accesstoken}, {@code xapikey}).</li>
 * </ul>
 * Plus, from the configuration, whole names ({@code monitordash.outlier.mask.headers}) and words found
 * anywhere in a name ({@code monitordash.outlier.mask.parameters}): what a user adds on purpose is matched
 * generously, since masking too much loses a value on a debugging page while masking too little leaks it.
 */
public final class SensitiveNames {

    /** Sensitive only as a whole token. */
    static final Set<String> SHORT_WORDS = Set.of("key", "keys", "auth", "pwd", "pass", "sig", "sid", "hmac",
            "csrf", "xsrf", "otp", "jwt");

    /** Sensitive anywhere inside a token. */
    static final List<String> LONG_WORDS = List.of("token", "secret", "password", "passwd", "passphrase",
            "session", "sessid", "credential", "signature", "cookie", "authorization", "authenticat", "bearer",
            "apikey", "accesskey", "privatekey");

    private final Set<String> names;
    private final List<String> words;

    /**
     * @param names whole names masked besides the rule, ignoring case
     * @param words words masked wherever they occur in a name, ignoring case
     */
    public SensitiveNames(List<String> names, List<String> words) {
        this.names = Set.copyOf(lowerCase(names));
        this.words = List.copyOf(lowerCase(words));
    }

    public boolean isSensitive(String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (names.contains(lower)) {
            return true;
        }
        for (String w : words) {
            if (lower.contains(w)) {
                return true;
            }
        }
        for (String token : tokens(name)) {
            if (SHORT_WORDS.contains(token)) {
                return true;
            }
            for (String w : LONG_WORDS) {
                if (token.contains(w)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The lower-cased tokens of a name: split at non-alphanumerics and camelCase humps. */
    static List<String> tokens(String name) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : '-';
            boolean alnum = Character.isLetterOrDigit(c);
            if (start >= 0 && (!alnum || hump(name, i))) {
                out.add(name.substring(start, i).toLowerCase(Locale.ROOT));
                start = -1;
            }
            if (alnum && start < 0) {
                start = i;
            }
        }
        return out;
    }

    /** A token starts at {@code i}: {@code aB} (lower or digit, then upper) or {@code ABc} (the B). */
    private static boolean hump(String s, int i) {
        char c = s.charAt(i);
        if (i == 0 || !Character.isUpperCase(c)) {
            return false;
        }
        char before = s.charAt(i - 1);
        if (Character.isLowerCase(before) || Character.isDigit(before)) {
            return true;
        }
        return Character.isUpperCase(before) && i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1));
    }

    private static List<String> lowerCase(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            String t = v == null ? "" : v.trim().toLowerCase(Locale.ROOT);
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
