package dev.monitordash.core.config;

import java.util.Locale;

/**
 * The defaults of {@code monitordash.database} and {@code monitordash.service} for one web application,
 * from its context path (a plain string: this module knows nothing of servlets). Two applications in one
 * container must not share a SQLite file by default: each loads its own copy of SQLite, and two copies in
 * one process lose each other's committed rows (docs/storage.md). The root application keeps the names
 * used before ({@code monitordash.db}, service {@code app}), so an application at {@code /} finds its data.
 */
public final class ApplicationDefaults {

    static final String ROOT_FILE = "monitordash.db";
    static final String ROOT_SERVICE = "app";

    private ApplicationDefaults() {
    }

    /** {@code jdbc:sqlite:monitordash.db} for the root context, {@code jdbc:sqlite:monitordash-shop.db} for /shop. */
    public static String databaseUrl(String contextPath) {
        String name = name(contextPath);
        return "jdbc:sqlite:" + (name.isEmpty() ? ROOT_FILE : "monitordash-" + name + ".db");
    }

    /** {@code app} for the root context, {@code shop} for /shop, {@code shop-v2} for /shop/v2. */
    public static String serviceName(String contextPath) {
        String name = name(contextPath);
        return name.isEmpty() ? ROOT_SERVICE : name;
    }

    /**
     * The context path as a file-name part: slashes become dashes, anything but ASCII letters, digits,
     * dot, dash and underscore becomes an underscore (a path may hold spaces, %, or Tomcat's {@code ##}
     * version marker is already gone from it), lower-cased so that case-insensitive file systems agree.
     */
    static String name(String contextPath) {
        if (contextPath == null) {
            return "";
        }
        String trimmed = contextPath.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        StringBuilder sb = new StringBuilder(trimmed.length());
        for (char c : trimmed.toCharArray()) {
            if (c == '/') {
                sb.append('-');
            } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '-' || c == '_') {
                sb.append(c);
            } else {
                sb.append('_');
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
