package dev.monitordash.junit;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where and how the extension delivers a run, from JUnit configuration parameters
 * ({@code junit-platform.properties}, {@code -D} system properties, the launcher's parameters) and, for
 * each key, its environment variable ({@code monitordash.tests.token} → {@code MONITORDASH_TESTS_TOKEN}: CI
 * keeps secrets there). A bad value disables that delivery with a warning naming the key: a report setting
 * never fails the build.
 */
final class ReportSettings {

    static final String URL = "monitordash.tests.url";
    static final String TOKEN = "monitordash.tests.token";
    static final String DATABASE = "monitordash.tests.database";
    static final String DATABASE_USER = "monitordash.tests.database.user";
    static final String DATABASE_PASSWORD = "monitordash.tests.database.password";
    static final String RUN_ID = "monitordash.tests.run-id";
    static final String VERSION = "monitordash.tests.version";
    static final String TIMEOUT = "monitordash.tests.timeout";
    static final String ENABLED = "monitordash.tests.enabled";

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    final boolean enabled;
    /** The dashboard's base URL, e.g. {@code https://shop.example.com/dashboard}; null: no HTTP delivery. */
    final URI url;
    final String token;
    final String database;
    final String databaseUser;
    final String databasePassword;
    final String runId;
    final String version;
    final Duration timeout;
    /** Why a configured delivery was turned off, one line per key. */
    final List<String> problems;

    private ReportSettings(Function<String, Optional<String>> parameters, Map<String, String> environment) {
        Function<String, String> value = key -> parameters.apply(key).map(String::strip).filter(v -> !v.isEmpty())
                .or(() -> Optional.ofNullable(environment.get(environmentName(key))).map(String::strip)
                        .filter(v -> !v.isEmpty()))
                .orElse(null);
        List<String> found = new ArrayList<>();
        String enabledText = value.apply(ENABLED);
        this.enabled = enabledText == null || !enabledText.equalsIgnoreCase("false");
        if (enabledText != null && !enabledText.equalsIgnoreCase("true") && !enabledText.equalsIgnoreCase("false")) {
            found.add(ENABLED + " must be true or false, was '" + enabledText + "'; reporting stays on");
        }
        this.url = dashboardUrl(value.apply(URL), found);
        this.token = value.apply(TOKEN);
        if (url != null && token == null) {
            found.add(URL + " is set but " + TOKEN + " (or " + environmentName(TOKEN) + ") is not: create a token on "
                    + "the dashboard's Tests page");
        }
        String db = value.apply(DATABASE);
        if (db != null && !db.startsWith("jdbc:sqlite:") && !db.startsWith("jdbc:postgresql:")) {
            found.add(DATABASE + " must be a JDBC URL starting with jdbc:sqlite: or jdbc:postgresql:, was '" + db + "'");
            db = null;
        }
        this.database = db;
        this.databaseUser = value.apply(DATABASE_USER);
        this.databasePassword = value.apply(DATABASE_PASSWORD);
        this.runId = value.apply(RUN_ID);
        this.version = value.apply(VERSION);
        this.timeout = timeout(value.apply(TIMEOUT), found);
        this.problems = List.copyOf(found);
    }

    static ReportSettings of(Function<String, Optional<String>> parameters, Map<String, String> environment) {
        return new ReportSettings(parameters, environment);
    }

    /** Whether any delivery is configured (and usable). */
    boolean delivers() {
        return enabled && ((url != null && token != null) || database != null);
    }

    static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static URI dashboardUrl(String text, List<String> problems) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            problems.add(URL + " must be the dashboard's http(s) URL, e.g. https://shop.example.com/dashboard, was '"
                    + text + "'");
            return null;
        }
    }

    private static Duration timeout(String text, List<String> problems) {
        if (text == null) {
            return DEFAULT_TIMEOUT;
        }
        try {
            long seconds = Long.parseLong(text);
            if (seconds >= 1 && seconds <= 3_600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(TIMEOUT + " must be whole seconds 1-3600, was '" + text + "'; using "
                + DEFAULT_TIMEOUT.toSeconds());
        return DEFAULT_TIMEOUT;
    }
}
