package dev.monitordash.core.alert.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where notifications go. {@code settings} may be shown (webhook URL, SMTP host, port, user, addresses);
 * {@code secret} never leaves the store through the API: the webhook's signing key, the Slack webhook URL
 * (whoever has it can post), the SMTP password. Checked when built; refusals name the field.
 */
public record Receiver(Long id, String name, ReceiverKind kind, Map<String, String> settings, String secret,
        boolean enabled) {

    /** Settings each kind accepts; anything else is refused. */
    static final Map<ReceiverKind, List<String>> SETTINGS = Map.of(
            ReceiverKind.WEBHOOK, List.of("url"),
            ReceiverKind.SLACK, List.of(),
            ReceiverKind.EMAIL, List.of("host", "port", "security", "username", "from", "to"));

    private static final Pattern NAME = Pattern.compile("[\\w .@-]{1,100}");
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s,<>\"]+@[^@\\s,<>\"]+");

    public Receiver {
        if (name == null || !NAME.matcher(name.strip()).matches()) {
            throw new FieldException("name", "must be 1 to 100 letters, digits, spaces or . _ @ -");
        }
        name = name.strip();
        if (kind == null) {
            throw new FieldException("kind", "must be webhook, slack or email");
        }
        Map<String, String> s = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : (settings == null ? Map.<String, String>of() : settings).entrySet()) {
            if (!SETTINGS.get(kind).contains(e.getKey())) {
                throw new FieldException(e.getKey(), "is not a setting of a " + kind.id() + " receiver");
            }
            if (e.getValue() != null && !e.getValue().isBlank()) {
                s.put(e.getKey(), e.getValue().strip());
            }
        }
        secret = secret == null || secret.isBlank() ? null : secret.strip();
        switch (kind) {
            case WEBHOOK -> requireHttpUrl("url", s.get("url"));
            case SLACK -> requireHttpUrl("url", secret);
            case EMAIL -> checkEmail(s);
        }
        settings = Collections.unmodifiableMap(s);
    }

    /** The same receiver with a stored id. */
    public Receiver withId(long newId) {
        return new Receiver(newId, name, kind, settings, secret, enabled);
    }

    /** The same receiver with this secret (an update that leaves the secret out keeps the stored one). */
    public Receiver withSecret(String newSecret) {
        return new Receiver(id, name, kind, settings, newSecret, enabled);
    }

    /** Only http and https, with a host: no file:, jar: or other scheme a URL class would open. */
    static void requireHttpUrl(String field, String url) {
        if (url == null) {
            throw new FieldException(field, "is required: an http or https URL");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || url.length() > 2_000) {
                throw new FieldException(field, "must be an http or https URL with a host");
            }
        } catch (URISyntaxException e) {
            throw new FieldException(field, "must be an http or https URL with a host");
        }
    }

    private static void checkEmail(Map<String, String> s) {
        String host = s.get("host");
        if (host == null || !host.matches("[A-Za-z0-9.\\-:\\[\\]]{1,253}")) {
            throw new FieldException("host", "is required: the SMTP server's host name");
        }
        String port = s.getOrDefault("port", "587");
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new FieldException("port", "must be a port 1-65535");
        }
        s.put("port", port);
        String security = s.getOrDefault("security", "starttls");
        if (!List.of("starttls", "ssl", "none").contains(security)) {
            throw new FieldException("security", "must be starttls, ssl or none");
        }
        s.put("security", security);
        if (s.get("from") == null || !ADDRESS.matcher(s.get("from")).matches()) {
            throw new FieldException("from", "must be an e-mail address");
        }
        String to = s.get("to");
        if (to == null) {
            throw new FieldException("to", "must be one or more e-mail addresses, separated by commas");
        }
        for (String a : to.split(",")) {
            if (!ADDRESS.matcher(a.strip()).matches()) {
                throw new FieldException("to", "must be one or more e-mail addresses, separated by commas");
            }
        }
    }
}
