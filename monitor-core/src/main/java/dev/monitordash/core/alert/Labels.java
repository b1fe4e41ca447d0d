package dev.monitordash.core.alert;

import dev.monitordash.core.alert.notify.FieldException;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Label sets of rules and silence matchers: Prometheus-style names, one-line values. Stored as lines
 * {@code name=value}, which these rules make unambiguous.
 */
public final class Labels {

    static final int MAX_LABELS = 20;
    static final int MAX_VALUE = 200;
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,62}");

    private Labels() {
    }

    /** A sorted, unmodifiable copy, or a refusal naming the field. */
    public static Map<String, String> check(String field, Map<String, String> labels) {
        if (labels.size() > MAX_LABELS) {
            throw new FieldException(field, "may have at most " + MAX_LABELS + " labels");
        }
        Map<String, String> out = new TreeMap<>();
        labels.forEach((k, v) -> {
            if (k == null || !NAME.matcher(k).matches()) {
                throw new FieldException(field, "names must be letters, digits and _ (not starting with a digit), was '"
                        + Threshold.printable(String.valueOf(k)) + "'");
            }
            if (v == null || v.length() > MAX_VALUE || v.chars().anyMatch(Character::isISOControl)) {
                throw new FieldException(field, "values must be one line of at most " + MAX_VALUE + " characters");
            }
            out.put(k, v);
        });
        return Collections.unmodifiableMap(out);
    }

    static String encode(Map<String, String> labels) {
        StringBuilder sb = new StringBuilder();
        labels.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    static Map<String, String> decode(String text) {
        Map<String, String> out = new TreeMap<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Whether every matcher is among the labels with the same value. */
    static boolean matches(Map<String, String> matchers, Map<String, String> labels) {
        for (Map.Entry<String, String> m : matchers.entrySet()) {
            if (!m.getValue().equals(labels.get(m.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
