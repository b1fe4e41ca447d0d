package dev.monitordash.servlet.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits proxy headers into the addresses of the hops they list, client first, nearest proxy last.
 * An entry that names no usable address (RFC 7239's {@code unknown}, an obfuscated {@code _node}, a
 * missing {@code for=}, garbage) becomes null: the caller stops believing the chain there.
 */
final class ForwardedHops {

    private ForwardedHops() {
    }

    /** {@code X-Forwarded-For: 203.0.113.7, 2001:db8::1, [2001:db8::2]:443, 198.51.100.1:8080}. */
    static List<String> ofXForwardedFor(String header) {
        List<String> hops = new ArrayList<>(4);
        for (String entry : header.split(",", -1)) {
            hops.add(node(unquote(entry.trim())));
        }
        return hops;
    }

    /** RFC 7239 {@code Forwarded: for=192.0.2.43;proto=https, for="[2001:db8:cafe::17]:4711"}. */
    static List<String> ofForwarded(String header) {
        List<String> hops = new ArrayList<>(4);
        for (String element : splitOutsideQuotes(header, ',')) {
            String forValue = null;
            for (String pair : splitOutsideQuotes(element, ';')) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("for")) {
                    forValue = unquote(pair.substring(eq + 1).trim());
                }
            }
            hops.add(forValue == null ? null : node(forValue));
        }
        return hops;
    }

    /** The address part of a node: without brackets and port; null when it cannot be an address. */
    static String node(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.charAt(0) == '[') {
            int close = value.indexOf(']');
            return close > 1 ? value.substring(1, close) : null;
        }
        int colon = value.indexOf(':');
        if (colon >= 0 && value.indexOf(':', colon + 1) < 0) {
            return value.substring(0, colon); // IPv4 with a port; a bare IPv6 has several colons
        }
        return value;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            StringBuilder sb = new StringBuilder(value.length());
            for (int i = 1; i < value.length() - 1; i++) {
                char c = value.charAt(i);
                if (c == '\\' && i + 1 < value.length() - 1) {
                    c = value.charAt(++i);
                }
                sb.append(c);
            }
            return sb.toString();
        }
        return value;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> parts = new ArrayList<>(4);
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).trim());
        return parts;
    }
}
