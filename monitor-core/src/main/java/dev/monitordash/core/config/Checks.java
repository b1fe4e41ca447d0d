package dev.monitordash.core.config;

import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.core.metrics.PrometheusLibrary;
import dev.monitordash.core.security.IpRange;
import dev.monitordash.core.security.Passwords;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validation and normalisation of each option when {@link MonitorConfig.Builder#build()} runs. Every
 * failure is a {@link ConfigException} that names the key, says what it expects ({@link ConfigKey#expects()})
 * and what it got, and where the value came from; secrets are never echoed.
 */
final class Checks {

    static final String CODE = "code";

    private static final int MAX_VERSION_LENGTH = 100;
    private static final int MAX_USER_LENGTH = 100;
    private static final int MAX_NAME_LENGTH = 255;
    private static final int MIN_TOKEN_LENGTH = 16;
    private static final int MAX_TOKEN_LENGTH = 1000;
    private static final Duration MAX_SHUTDOWN = Duration.ofMinutes(10);
    private static final Duration MIN_QUERY_TIMEOUT = Duration.ofMillis(100);
    private static final Duration MAX_QUERY_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final Pattern PATH_CHARS = Pattern.compile("[A-Za-z0-9._~/-]+");
    private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern URL_USERINFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    private final Map<ConfigKey, String> sources;

    Checks(Map<ConfigKey, String> sources) {
        this.sources = sources;
    }

    /** " (from environment variable X)", " (set in code)", or "" for a default. */
    static String suffix(String source) {
        if (source == null) {
            return "";
        }
        return CODE.equals(source) ? " (set in code)" : " (from " + source + ")";
    }

    /** The URL with any password in it replaced by ****, for logs and messages. */
    static String maskUrl(String url) {
        String masked = URL_PASSWORD.matcher(url).replaceAll("$1****");
        return URL_USERINFO.matcher(masked).replaceAll("$1****@");
    }

    ConfigException fail(ConfigKey key, Object was) {
        String shown = was == null ? "not set" : "'" + was + "'";
        return new ConfigException(key.property(),
                "must be " + key.expects() + ", was " + shown + suffix(sources.get(key)));
    }

    String databaseUrl(String v) {
        String s = v == null ? null : v.trim();
        if (s == null || !(hasBody(s, "jdbc:sqlite:") || hasBody(s, "jdbc:postgresql:"))) {
            throw fail(ConfigKey.DATABASE, s == null ? null : maskUrl(s));
        }
        return s;
    }

    private static boolean hasBody(String url, String prefix) {
        return url.startsWith(prefix) && url.length() > prefix.length();
    }

    /** Leading slash, no trailing slash; not the root (the dashboard would shadow the whole app). */
    String dashboardPath(String v) {
        String s = v == null ? "" : v.trim();
        String p = s.startsWith("/") ? s : "/" + s;
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/") || !PATH_CHARS.matcher(p).matches() || p.contains("//")
                || p.contains("/./") || p.endsWith("/.") || p.contains("/../") || p.endsWith("/..")) {
            throw fail(ConfigKey.DASHBOARD_PATH, v);
        }
        return p;
    }

    /** A required name: trimmed, not blank, no control characters, at most {@code max} characters. */
    String name(ConfigKey key, String v, int max) {
        String s = v == null ? null : v.trim();
        if (s == null || s.isEmpty() || s.length() > max || s.chars().anyMatch(Character::isISOControl)) {
            throw fail(key, v);
        }
        return s;
    }

    String userName(ConfigKey key, String v) {
        return name(key, v, MAX_USER_LENGTH);
    }

    String serviceOrInstance(ConfigKey key, String v) {
        return name(key, v, MAX_NAME_LENGTH);
    }

    /** An optional name: blank means not set. */
    String optionalName(ConfigKey key, String v) {
        return isBlank(v) ? null : name(key, v, key == ConfigKey.VERSION ? MAX_VERSION_LENGTH : MAX_NAME_LENGTH);
    }

    String gitDir(String v) {
        if (isBlank(v)) {
            return null;
        }
        String s = v.trim();
        try {
            Path.of(s);
        } catch (InvalidPathException e) {
            throw fail(ConfigKey.GIT_DIR, s);
        }
        return s;
    }

    /** Blank means not set; a hash must parse. The value itself never appears in a message. */
    String password(ConfigKey key, String v) {
        if (v == null || v.isBlank()) {
            return null;
        }
        if (key != ConfigKey.DATABASE_PASSWORD) {
            try {
                Passwords.checkFormat(v);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key.property(), "must be " + key.expects() + "; " + e.getMessage()
                        + suffix(sources.get(key)));
            }
        }
        return v;
    }

    String guestUserName(String guest, String admin, boolean guestEnabled) {
        String g = userName(ConfigKey.GUEST_USERNAME, guest);
        if (guestEnabled && g.equals(admin)) {
            throw fail(ConfigKey.GUEST_USERNAME, guest);
        }
        return g;
    }

    /** Percent: 0 (every significant change counts) to 1000 (ten times). */
    double reportMinEffect(double v) {
        if (!Double.isFinite(v) || v < 0 || v > 1000) {
            throw fail(ConfigKey.REPORT_MIN_EFFECT, v);
        }
        return v;
    }

    double outlierConstant(double v) {
        if (!(v > 1) || !Double.isFinite(v)) {
            throw fail(ConfigKey.OUTLIER_CONSTANT, v);
        }
        return v;
    }

    /** Null (the mean rule) or a percentile from 50 to 99.99, in steps of 0.01. */
    Double percentile(Double v) {
        if (v != null && (!Double.isFinite(v) || v < 50 || v > 99.99 || Math.abs(v * 100 - Math.round(v * 100)) > 1e-6)) {
            throw fail(ConfigKey.OUTLIER_PERCENTILE, v);
        }
        return v;
    }

    int level(int v) {
        if (!MonitoringLevel.isValid(v)) {
            throw fail(ConfigKey.DEFAULT_LEVEL, v);
        }
        return v;
    }

    ZoneId timezone(ZoneId v) {
        if (v == null) {
            throw fail(ConfigKey.TIMEZONE, null);
        }
        return v;
    }

    List<String> trustedProxies(List<String> v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (String entry : v) {
            if (isBlank(entry)) {
                continue;
            }
            try {
                IpRange.parse(entry);
            } catch (IllegalArgumentException e) {
                throw fail(ConfigKey.TRUSTED_PROXIES, entry.trim());
            }
            out.add(entry.trim());
        }
        return out;
    }

    /** Header names or parameter words: letters, digits, - and _ only; blanks dropped. */
    List<String> words(ConfigKey key, List<String> v) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        for (String entry : v) {
            if (isBlank(entry)) {
                continue;
            }
            String s = entry.trim();
            if (!WORD.matcher(s).matches()) {
                throw fail(key, s);
            }
            out.add(s);
        }
        return out;
    }

    int range(ConfigKey key, int v, int min, int max) {
        if (v < min || v > max) {
            throw fail(key, v);
        }
        return v;
    }

    Duration durationUpTo(ConfigKey key, Duration v, Duration max) {
        return durationBetween(key, v, Duration.ZERO, max);
    }

    Duration durationBetween(ConfigKey key, Duration v, Duration min, Duration max) {
        if (v == null || v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw fail(key, v == null ? null : Values.format(v));
        }
        return v;
    }

    /** Zero switches the refresh off; below a second it would be a busy poll of a shared database. */
    Duration levelsRefresh(Duration v) {
        if (v != null && v.isZero()) {
            return v;
        }
        return durationBetween(ConfigKey.LEVELS_REFRESH, v, Duration.ofSeconds(1), Duration.ofHours(1));
    }

    /** Zero: this instance does not evaluate; below a second it would be a busy poll of a shared database. */
    Duration alertsPeriod(Duration v) {
        if (v != null && v.isZero()) {
            return v;
        }
        return durationBetween(ConfigKey.ALERTS_PERIOD, v, Duration.ofSeconds(1), Duration.ofHours(1));
    }

    /** Zero switches sampling off; below a second it would cost more than the 1 % of a core it may. */
    Duration resourcesPeriod(Duration v) {
        if (v != null && v.isZero()) {
            return v;
        }
        return durationBetween(ConfigKey.RESOURCES_PERIOD, v, Duration.ofSeconds(1), Duration.ofHours(1));
    }

    static final Duration MAX_RETENTION = Duration.ofDays(3650);

    Duration retentionRequests(Duration v) {
        return durationBetween(ConfigKey.RETENTION_REQUESTS, v, Duration.ofHours(1), MAX_RETENTION);
    }

    /** Rollups outlive the raw rows they summarize: views over the raw period must never lose them. */
    Duration retentionRollups(Duration v, Duration requests) {
        return durationBetween(ConfigKey.RETENTION_ROLLUPS, v, Duration.ofDays(1).compareTo(requests) > 0
                ? Duration.ofDays(1) : requests, MAX_RETENTION);
    }

    Duration dashboardQueryTimeout(Duration v) {
        if (v == null || v.compareTo(MIN_QUERY_TIMEOUT) < 0 || v.compareTo(MAX_QUERY_TIMEOUT) > 0) {
            throw fail(ConfigKey.DASHBOARD_QUERY_TIMEOUT, v == null ? null : Values.format(v));
        }
        return v;
    }

    Duration shutdownTimeout(Duration v) {
        if (v == null || v.isNegative() || v.compareTo(MAX_SHUTDOWN) > 0) {
            throw fail(ConfigKey.SHUTDOWN_TIMEOUT, v == null ? null : Values.format(v));
        }
        return v;
    }

    /** Enabled only with the Prometheus library's optional jars present: else fail now, naming the key. */
    boolean prometheusEnabled(boolean v) {
        if (v) {
            PrometheusLibrary.require(Checks.class.getClassLoader());
        }
        return v;
    }

    /**
     * A scrape token: blank means not set. At least 16 characters, so that it cannot be guessed by trying;
     * no blanks or control characters, which an Authorization header could not carry. Never echoed.
     */
    String prometheusToken(String v) {
        if (isBlank(v)) {
            return null;
        }
        String s = v.trim();
        if (s.length() < MIN_TOKEN_LENGTH || s.length() > MAX_TOKEN_LENGTH
                || s.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new ConfigException(ConfigKey.PROMETHEUS_TOKEN.property(), "must be "
                    + ConfigKey.PROMETHEUS_TOKEN.expects() + suffix(sources.get(ConfigKey.PROMETHEUS_TOKEN)));
        }
        return s;
    }

    private static boolean isBlank(String v) {
        return v == null || v.isBlank();
    }
}
