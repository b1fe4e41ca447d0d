package dev.monitordash.core.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration option of MonitorDash, the single source of truth for its property name, its
 * environment variable, its default, what it accepts and what it means. The builder's defaults, the
 * loader's key lookup, the validation messages and the table in {@code docs/configuration.md} (checked by
 * a test) all come from here.
 *
 * <p>To add an option: add a constant here, a field and setter in {@link MonitorConfig.Builder}, a case in
 * {@code Builder.set(...)} and {@code MonitorConfig.display(...)} (the compiler points at both: they are
 * exhaustive switches), a check in {@code Checks}, and regenerate the docs table.
 */
public enum ConfigKey {

    DATABASE("monitordash.database", "jdbc:sqlite:monitordash.db", null,
            "a JDBC URL starting with jdbc:sqlite: or jdbc:postgresql:",
            "Where records are stored (seed: DATABASE). The default is a SQLite file in the working directory,"
                    + " one per web application: monitordash-shop.db for the one at /shop (monitordash.db at /)."),
    DATABASE_USER("monitordash.database.user", null, "none",
            "a user name",
            "Database user, when the JDBC URL does not carry it."),
    DATABASE_PASSWORD("monitordash.database.password", null, "none",
            "a password",
            "Database password, when the JDBC URL does not carry it. Never logged."),
    DASHBOARD_PATH("monitordash.dashboard.path", "/dashboard", null,
            "a URL path such as /dashboard (letters, digits, - _ . ~ and /; not / alone)",
            "Where the dashboard is served inside the application (seed: CUSTOM_LINK)."),
    VERSION("monitordash.version", null, "detected: build-info.properties, git.properties, manifest, git",
            "a version name of at most 100 characters",
            "Version of the application that records are tagged with (seed: APP_VERSION). Wins over every detected"
                    + " version (docs/configuration.md#versions)."),
    GIT_DIR("monitordash.git.dir", null, "search upward from the working directory",
            "a path to a git repository or its working tree",
            "Git repository whose HEAD gives the version when monitordash.version is not set and the application"
                    + " carries no version of its build (seed: GIT)."),
    ADMIN_USERNAME("monitordash.admin.username", "admin", null,
            "a user name of at most 100 characters",
            "Dashboard administrator: sees everything, changes monitoring levels, exports (seed: USERNAME)."),
    ADMIN_PASSWORD("monitordash.admin.password", null, "generated, logged once at startup",
            "plain text, {noop}<plain text> or {pbkdf2}<iterations>:<base64 salt>:<base64 hash>",
            "Administrator password (seed: PASSWORD). Prefer a hash: see Passwords in docs/configuration.md."),
    GUEST_USERNAME("monitordash.guest.username", "guest", null,
            "a user name of at most 100 characters, different from the admin's",
            "Dashboard guest: views the dashboard, changes nothing (seed: GUEST_USERNAME)."),
    GUEST_PASSWORD("monitordash.guest.password", null, "none: guest login disabled",
            "plain text, {noop}<plain text> or {pbkdf2}<iterations>:<base64 salt>:<base64 hash>",
            "Guest password (seed: GUEST_PASSWORD). Without it nobody can log in as guest."),
    OUTLIER_CONSTANT("monitordash.outlier.constant", "2.5", null,
            "a number > 1",
            "A request is an outlier when it runs longer than this many times its endpoint's average"
                    + " (seed: OUTLIER_DETECTION_CONSTANT)."),
    OUTLIER_MIN_REQUESTS("monitordash.outlier.min-requests", "10", null,
            "an integer from 1 to 1000000",
            "Requests an endpoint needs before its average is trusted: until then none of its requests is an"
                    + " outlier."),
    OUTLIER_MIN_DURATION("monitordash.outlier.min-duration", "10ms", null,
            "a duration from 0 to 1h such as 10ms, 2s or PT0.5S",
            "A request is never an outlier before it has run this long, whatever its endpoint's average: a"
                    + " capture costs milliseconds, which would swamp endpoints that answer in microseconds."),
    OUTLIER_PERCENTILE("monitordash.outlier.percentile", null, "none: the mean rule",
            "a percentile from 50 to 99.99 such as 99 or 99.9",
            "When set, an endpoint's threshold is this percentile of its latest requests (see"
                    + " monitordash.outlier.percentile.window) instead of its average × monitordash.outlier.constant;"
                    + " min-requests and min-duration still apply."),
    OUTLIER_PERCENTILE_WINDOW("monitordash.outlier.percentile.window", "1000", null,
            "an integer from 10 to 100000",
            "How many of an endpoint's latest requests the percentile rule looks at."),
    OUTLIER_KEEP("monitordash.outlier.keep", "100", null,
            "an integer from 1 to 100000",
            "Outliers kept per endpoint; older ones are deleted when new ones are stored."),
    OUTLIER_MASK_HEADERS("monitordash.outlier.mask.headers", null, "none (the built-in rule always applies)",
            "header or parameter names separated by commas",
            "Further request headers or parameters, by whole name (ignoring case), whose values an outlier"
                    + " stores as •••. Built in: any name with a token such as token, key, secret, password,"
                    + " auth, session, credential, signature, csrf or cookie (docs/outliers.md#masking)."),
    OUTLIER_MASK_PARAMETERS("monitordash.outlier.mask.parameters", null, "none (the built-in rule always applies)",
            "words separated by commas (letters, digits, - and _)",
            "Further words: a request header or parameter whose name contains one anywhere (ignoring case)"
                    + " is stored as ••• in an outlier."),
    OUTLIER_MAX_STACK_DEPTH("monitordash.outlier.max.stack-depth", "256", null,
            "an integer from 1 to 10000",
            "Frames an outlier keeps of its request thread's stack; a cut is marked (truncated)."),
    OUTLIER_MAX_DUMP_STACK_DEPTH("monitordash.outlier.max.dump-stack-depth", "64", null,
            "an integer from 1 to 10000",
            "Frames an outlier keeps per thread of its dump of all threads."),
    OUTLIER_MAX_DUMP_THREADS("monitordash.outlier.max.dump-threads", "2000", null,
            "an integer from 1 to 100000",
            "Threads an outlier keeps of its dump of all threads."),
    OUTLIER_MAX_DUMP_CHARS("monitordash.outlier.max.dump-chars", "1000000", null,
            "an integer from 1000 to 100000000",
            "Characters of all dumped stacks of one outlier together; later threads keep their name and state only."),
    OUTLIER_MAX_FIELDS("monitordash.outlier.max.fields", "100", null,
            "an integer from 0 to 10000",
            "Request headers an outlier keeps, and request parameters it keeps."),
    OUTLIER_MAX_VALUE_CHARS("monitordash.outlier.max.value-chars", "4096", null,
            "an integer from 16 to 1000000",
            "Characters an outlier keeps of one header or parameter value, of the URL and of the query string."),
    PROFILER_PERIOD("monitordash.profiler.period", "5ms", null,
            "a duration from 1ms to 1s such as 5ms or 20ms",
            "How often the profiler samples the stack of each request at level 3."),
    PROFILER_KEEP("monitordash.profiler.keep", "100", null,
            "an integer from 1 to 100000",
            "Request profiles kept per endpoint; the endpoint's grouped profile merges these."),
    DEFAULT_LEVEL("monitordash.level.default", "1", null,
            "a monitoring level 0-3 (0 off, 1 performance, 2 outliers, 3 profiler)",
            "Monitoring level of endpoints seen for the first time. Admins change it per endpoint later."),
    LEVELS_REFRESH("monitordash.levels.refresh", "10s", null,
            "0 (off) or a duration from 1s to 1h such as 10s, 1m or PT30S",
            "How often this instance reloads the endpoints' levels from the store, so that a level changed on"
                    + " another instance sharing the database applies here too; 0: only at startup."),
    TIMEZONE("monitordash.timezone", null, "the JVM's time zone",
            "a time-zone ID such as UTC, Europe/Amsterdam or +02:00",
            "Time zone of the dashboard's days and hours (heatmap, hits today)."),
    SERVICE("monitordash.service", "app", null,
            "a name of at most 255 characters",
            "Name of the monitored service; tells services apart in a shared database. In a web application"
                    + " the default is its context path (shop for /shop; app at /)."),
    INSTANCE("monitordash.instance", null, "host name:process id",
            "a name of at most 255 characters",
            "Name of this running instance; tells instances of one service apart in a shared database."),
    TRUSTED_PROXIES("monitordash.proxies.trusted", null, "none",
            "IP addresses or CIDR ranges (IPv4 or IPv6), separated by commas",
            "Proxies whose X-Forwarded-For / Forwarded headers are believed for the client IP."),
    MAX_ENDPOINTS("monitordash.endpoints.max", "500", null,
            "an integer from 1 to 100000",
            "Maximum number of distinct endpoints; requests to further ones are counted under one"
                    + " overflow endpoint."),
    QUEUE_CAPACITY("monitordash.queue.capacity", "65536", null,
            "an integer from 1 to 4194304",
            "Records waiting to be written; when the queue is full, new records are dropped and counted."),
    WRITER_BATCH_SIZE("monitordash.writer.batch-size", "1000", null,
            "an integer from 1 to 100000, at most the queue capacity",
            "Records written per database transaction."),
    SHUTDOWN_TIMEOUT("monitordash.shutdown.timeout", "5s", null,
            "a duration from 0 to 10m such as 5s, 500ms or PT5S",
            "How long shutdown waits for queued records to be written."),
    RETENTION_REQUESTS("monitordash.retention.requests", "30d", null,
            "a duration from 1h to 3650d such as 30d, 7d or 48h",
            "How long raw request rows are kept (export, recent failures); older ones are deleted in small"
                    + " chunks by the writer. The dashboard's views read rollups, kept longer."),
    RETENTION_ROLLUPS("monitordash.retention.rollups", "400d", null,
            "a duration from 1d to 3650d, at least monitordash.retention.requests",
            "How long the hourly, daily and per-user rollups that every dashboard view reads are kept."),
    DASHBOARD_QUERY_TIMEOUT("monitordash.dashboard.query-timeout", "30s", null,
            "a duration from 100ms to 10m such as 30s or 2m",
            "How long one dashboard call may read the database before it is cancelled and answered 503;"
                    + " dashboard readers use their own connections, so they never hold up recording."),
    REPORT_MIN_EFFECT("monitordash.report.min-effect", "5", null,
            "a percentage from 0 to 1000 such as 5, 2.5 or 5%",
            "Smallest change of an endpoint's median, p90 or p99, in percent, that the version report calls slower"
                    + " or faster: with every request tested, a busy endpoint's smaller drift would be significant"
                    + " but not worth anyone's time (docs/dashboard.md#the-report)."),
    REPORT_MIN_REQUESTS("monitordash.report.min-requests", "100", null,
            "an integer from 20 to 1000000",
            "Requests an endpoint needs on each side of the version report before it is tested; with fewer it is"
                    + " shown as \"not enough data\" with its counts. Also what a new version needs on an endpoint"
                    + " before the overview shows its automatic report."),
    PROMETHEUS_ENABLED("monitordash.prometheus.enabled", "false", null,
            "true or false",
            "Serves the monitor's metrics for Prometheus at <dashboard path>/metrics (docs/prometheus.md). Needs"
                    + " the Prometheus Java library (prometheus-metrics-core, -exposition-textformats,"
                    + " -instrumentation-jvm) on the class path."),
    PROMETHEUS_TOKEN("monitordash.prometheus.token", null, "none: the dashboard login protects the route",
            "a token of 16 to 1000 characters without blanks",
            "Bearer token a scraper must send (Authorization: Bearer <token>) to read <dashboard path>/metrics."
                    + " Never logged."),
    ALERTS_PERIOD("monitordash.alerts.period", "30s", null,
            "0 (off) or a duration from 1s to 1h such as 30s or 1m",
            "How often this instance evaluates the alert rules stored in the database (docs/alerts.md); the"
                    + " request rules run on one instance of those sharing the database. 0: no evaluation here."),
    ALERTS_REPEAT("monitordash.alerts.repeat", "4h", null,
            "a duration from 1m to 7d such as 4h or 30m",
            "How often a firing alert is notified again while it keeps firing."),
    RESOURCES_PERIOD("monitordash.resources.period", "10s", null,
            "0 (off) or a duration from 1s to 1h such as 10s, 30s or 1m",
            "How often the one resource thread samples host CPU, memory, swap, disk, load and the JVM's heap,"
                    + " GC and threads into the store's resource series (docs/resources.md); 0: no sampling."),
    RETENTION_RESOURCES("monitordash.retention.resources", "2d", null,
            "a duration from 1h to 3650d such as 2d or 12h",
            "How long raw resource samples (one per period) are kept; per-minute rows are kept 8 days and"
                    + " per-hour rows as long as monitordash.retention.rollups.");

    private final String property;
    private final String env;
    private final String defaultValue;
    private final String shownDefault;
    private final String expects;
    private final String description;

    ConfigKey(String property, String defaultValue, String shownDefault, String expects, String description) {
        this.property = property;
        this.env = toEnvironmentName(property);
        this.defaultValue = defaultValue;
        this.shownDefault = shownDefault != null ? shownDefault : defaultValue;
        this.expects = expects;
        this.description = description;
    }

    /** Name in a properties file and as a system property, e.g. {@code monitordash.queue.capacity}. */
    public String property() {
        return property;
    }

    /** Name as an environment variable, e.g. {@code MONITORDASH_QUEUE_CAPACITY}. */
    public String env() {
        return env;
    }

    /** The default as it would be written in a properties file; empty when computed or unset. */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    /** The default as documented, also for computed defaults ("the JVM's time zone"). */
    public String shownDefault() {
        return shownDefault;
    }

    /** What a valid value looks like; validation messages say "must be " + this. */
    public String expects() {
        return expects;
    }

    public String description() {
        return description;
    }

    /** True for keys whose value is a secret: never logged, never echoed in error messages. */
    public boolean isSecret() {
        return this == DATABASE_PASSWORD || this == ADMIN_PASSWORD || this == GUEST_PASSWORD || this == PROMETHEUS_TOKEN;
    }

    /** The key with this property name, if any. */
    public static Optional<ConfigKey> ofProperty(String property) {
        for (ConfigKey k : values()) {
            if (k.property.equals(property)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** {@code monitordash.writer.batch-size} becomes {@code MONITORDASH_WRITER_BATCH_SIZE}. */
    public static String toEnvironmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
