package dev.monitordash.core.outlier;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a query string into parameters without asking the servlet container: calling
 * {@code getParameter*} would make the container parse a form body the application may not have read.
 */
public final class QueryString {

    private QueryString() {
    }

    /** {@code a=1&b=&c} becomes (a, 1), (b, ""), (c, ""); undecodable parts are kept as sent. */
    public static List<NameValue> parse(String query) {
        List<NameValue> out = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return out;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.add(new NameValue(decode(name), decode(value)));
        }
        return out;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
