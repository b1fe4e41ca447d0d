package dev.monitordash.core.config;

import dev.monitordash.core.endpoint.MonitoringLevel;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text of a properties file, system property or environment variable into typed values. Every
 * method throws {@link IllegalArgumentException} (or {@link java.time.DateTimeException}) on bad input;
 * the caller turns that into a {@link ConfigException} naming the key, so no message is built here.
 */
final class Values {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");
    private static final Pattern INTEGER = Pattern.compile("[+]?\\d{1,10}");

    private Values() {
    }

    static double decimal(String raw) {
        double d = Double.parseDouble(raw.trim());
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("not finite");
        }
        return d;
    }

    static int integer(String raw) {
        String s = raw.trim().replace("_", "");
        if (!INTEGER.matcher(s).matches()) {
            throw new IllegalArgumentException("not an integer");
        }
        long v = Long.parseLong(s);
        if (v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too large");
        }
        return (int) v;
    }

    /** {@code true} or {@code false}, in any case: a typo must not silently mean false. */
    static boolean bool(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        if (!s.equals("true") && !s.equals("false")) {
            throw new IllegalArgumentException("not true or false");
        }
        return s.equals("true");
    }

    /** A level number 0-3 or its name (off, performance, outliers, profiler). */
    static int level(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        switch (s) {
            case "off": return MonitoringLevel.OFF;
            case "performance": return MonitoringLevel.PERFORMANCE;
            case "outliers": return MonitoringLevel.OUTLIERS;
            case "profiler": return MonitoringLevel.PROFILER;
            default: return integer(s);
        }
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 0}, or ISO-8601 such as {@code PT5S}. */
    static Duration duration(String raw) {
        String s = raw.trim().toLowerCase(Locale.ROOT);
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        Matcher m = SHORT_DURATION.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ms": return Duration.ofMillis(n);
                case "s": return Duration.ofSeconds(n);
                case "m": return Duration.ofMinutes(n);
                case "h": return Duration.ofHours(n);
                default: return Duration.ofDays(n);
            }
        }
        try {
            return Duration.parse(s.toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration", e);
        }
    }

    /** The shortest of the accepted forms that says the same, so logs read like the docs. */
    static String format(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        if (d.getNano() % 1_000_000 != 0 || d.isNegative()) {
            return d.toString();
        }
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        return ms % 1_000 == 0 ? ms / 1_000 + "s" : ms + "ms";
    }

    static ZoneId zone(String raw) {
        return ZoneId.of(raw.trim());
    }

    /** Comma- or whitespace-separated items, blanks dropped. */
    static List<String> list(String raw) {
        List<String> items = new ArrayList<>();
        for (String item : raw.split("[,\\s]+")) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return items;
    }
}
