package dev.monitordash.core.config;

import dev.monitordash.core.security.Passwords;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one validated, immutable configuration of a monitor. Built in code with {@link #builder()},
 * or loaded from a properties file, system properties and environment variables by {@link ConfigLoader}.
 * Every key is listed in {@link ConfigKey} and documented in {@code docs/configuration.md}.
 */
public final class MonitorConfig {

    private static final String MASK = "****";
    private static final String NOT_SET = "(not set)";

    private final String databaseUrl;
    private final String databaseUser;
    private final String databasePassword;
    private final String dashboardPath;
    private final String appVersion;
    private final String gitDir;
    private final String adminUser;
    private final String adminPassword;
    private final String guestUser;
    private final String guestPassword;
    private final double outlierConstant;
    private final int outlierMinRequests;
    private final Duration outlierMinDuration;
    private final Double outlierPercentile;
    private final int outlierPercentileWindow;
    private final int outlierKeep;
    private final List<String> outlierMaskHeaders;
    private final List<String> outlierMaskParameters;
    private final int outlierMaxStackDepth;
    private final int outlierMaxDumpStackDepth;
    private final int outlierMaxDumpThreads;
    private final int outlierMaxDumpChars;
    private final int outlierMaxFields;
    private final int outlierMaxValueChars;
    private final Duration profilerPeriod;
    private final int profilerKeep;
    private final int defaultLevel;
    private final Duration levelsRefresh;
    private final ZoneId timezone;
    private final String serviceName;
    private final String instanceName;
    private final List<String> trustedProxies;
    private final int maxEndpoints;
    private final int queueCapacity;
    private final int batchSize;
    private final Duration shutdownTimeout;
    private final Duration dashboardQueryTimeout;
    private final double reportMinEffect;
    private final int reportMinRequests;
    private final Duration retentionRequests;
    private final Duration retentionRollups;
    private final Duration resourcesPeriod;
    private final Duration retentionResources;
    private final boolean prometheusEnabled;
    private final String prometheusToken;
    private final Duration alertsPeriod;
    private final Duration alertsRepeat;
    private final Map<ConfigKey, String> sources;

    private MonitorConfig(Builder b) {
        Checks c = new Checks(b.sources);
        this.databaseUrl = c.databaseUrl(b.databaseUrl);
        this.databaseUser = c.optionalName(ConfigKey.DATABASE_USER, b.databaseUser);
        this.databasePassword = c.password(ConfigKey.DATABASE_PASSWORD, b.databasePassword);
        this.dashboardPath = c.dashboardPath(b.dashboardPath);
        this.appVersion = c.optionalName(ConfigKey.VERSION, b.appVersion);
        this.gitDir = c.gitDir(b.gitDir);
        this.adminUser = c.userName(ConfigKey.ADMIN_USERNAME, b.adminUser);
        this.adminPassword = c.password(ConfigKey.ADMIN_PASSWORD, b.adminPassword);
        this.guestPassword = c.password(ConfigKey.GUEST_PASSWORD, b.guestPassword);
        this.guestUser = c.guestUserName(b.guestUser, adminUser, guestPassword != null);
        this.outlierConstant = c.outlierConstant(b.outlierConstant);
        this.outlierMinRequests = c.range(ConfigKey.OUTLIER_MIN_REQUESTS, b.outlierMinRequests, 1, 1_000_000);
        this.outlierMinDuration = c.durationUpTo(ConfigKey.OUTLIER_MIN_DURATION, b.outlierMinDuration,
                Duration.ofHours(1));
        this.outlierPercentile = c.percentile(b.outlierPercentile);
        this.outlierPercentileWindow = c.range(ConfigKey.OUTLIER_PERCENTILE_WINDOW, b.outlierPercentileWindow,
                10, 100_000);
        this.outlierKeep = c.range(ConfigKey.OUTLIER_KEEP, b.outlierKeep, 1, 100_000);
        this.outlierMaskHeaders = List.copyOf(c.words(ConfigKey.OUTLIER_MASK_HEADERS, b.outlierMaskHeaders));
        this.outlierMaskParameters = List.copyOf(c.words(ConfigKey.OUTLIER_MASK_PARAMETERS, b.outlierMaskParameters));
        this.outlierMaxStackDepth = c.range(ConfigKey.OUTLIER_MAX_STACK_DEPTH, b.outlierMaxStackDepth, 1, 10_000);
        this.outlierMaxDumpStackDepth = c.range(ConfigKey.OUTLIER_MAX_DUMP_STACK_DEPTH, b.outlierMaxDumpStackDepth,
                1, 10_000);
        this.outlierMaxDumpThreads = c.range(ConfigKey.OUTLIER_MAX_DUMP_THREADS, b.outlierMaxDumpThreads, 1, 100_000);
        this.outlierMaxDumpChars = c.range(ConfigKey.OUTLIER_MAX_DUMP_CHARS, b.outlierMaxDumpChars, 1_000, 100_000_000);
        this.outlierMaxFields = c.range(ConfigKey.OUTLIER_MAX_FIELDS, b.outlierMaxFields, 0, 10_000);
        this.outlierMaxValueChars = c.range(ConfigKey.OUTLIER_MAX_VALUE_CHARS, b.outlierMaxValueChars, 16, 1_000_000);
        this.profilerPeriod = c.durationBetween(ConfigKey.PROFILER_PERIOD, b.profilerPeriod, Duration.ofMillis(1),
                Duration.ofSeconds(1));
        this.profilerKeep = c.range(ConfigKey.PROFILER_KEEP, b.profilerKeep, 1, 100_000);
        this.defaultLevel = c.level(b.defaultLevel);
        this.levelsRefresh = c.levelsRefresh(b.levelsRefresh);
        this.timezone = c.timezone(b.timezone);
        this.serviceName = c.serviceOrInstance(ConfigKey.SERVICE, b.serviceName);
        this.instanceName = c.serviceOrInstance(ConfigKey.INSTANCE, b.instanceName);
        this.trustedProxies = List.copyOf(c.trustedProxies(b.trustedProxies));
        this.maxEndpoints = c.range(ConfigKey.MAX_ENDPOINTS, b.maxEndpoints, 1, 100_000);
        this.queueCapacity = c.range(ConfigKey.QUEUE_CAPACITY, b.queueCapacity, 1, 4_194_304);
        this.batchSize = c.range(ConfigKey.WRITER_BATCH_SIZE, b.batchSize, 1, Math.min(100_000, queueCapacity));
        this.shutdownTimeout = c.shutdownTimeout(b.shutdownTimeout);
        this.dashboardQueryTimeout = c.dashboardQueryTimeout(b.dashboardQueryTimeout);
        this.reportMinEffect = c.reportMinEffect(b.reportMinEffect);
        this.reportMinRequests = c.range(ConfigKey.REPORT_MIN_REQUESTS, b.reportMinRequests, 20, 1_000_000);
        this.retentionRequests = c.retentionRequests(b.retentionRequests);
        this.retentionRollups = c.retentionRollups(b.retentionRollups, retentionRequests);
        this.prometheusEnabled = c.prometheusEnabled(b.prometheusEnabled);
        this.prometheusToken = c.prometheusToken(b.prometheusToken);
        this.alertsPeriod = c.alertsPeriod(b.alertsPeriod);
        this.alertsRepeat = c.durationBetween(ConfigKey.ALERTS_REPEAT, b.alertsRepeat, Duration.ofMinutes(1),
                Duration.ofDays(7));
        this.resourcesPeriod = c.resourcesPeriod(b.resourcesPeriod);
        this.retentionResources = c.durationBetween(ConfigKey.RETENTION_RESOURCES, b.retentionResources,
                Duration.ofHours(1), Checks.MAX_RETENTION);
        this.sources = Collections.unmodifiableMap(new EnumMap<>(b.sources));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** JDBC URL of the store; default {@code jdbc:sqlite:monitordash.db} in the working directory. */
    public String databaseUrl() { return databaseUrl; }
    public Optional<String> databaseUser() { return Optional.ofNullable(databaseUser); }
    public Optional<String> databasePassword() { return Optional.ofNullable(databasePassword); }
    /** Where the dashboard is mounted, normalised: leading slash, no trailing slash (seed CUSTOM_LINK). */
    public String dashboardPath() { return dashboardPath; }
    /** Configured app version (seed APP_VERSION); empty means detect from git. */
    public Optional<String> appVersion() { return Optional.ofNullable(appVersion); }
    /** Git directory (seed GIT); empty means search for {@code .git} from the working directory upward. */
    public Optional<String> gitDir() { return Optional.ofNullable(gitDir); }
    public String adminUser() { return adminUser; }
    /** Plain text or a hash understood by {@code dev.monitordash.core.security.Passwords}; empty: generate one. */
    public Optional<String> adminPassword() { return Optional.ofNullable(adminPassword); }
    public String guestUser() { return guestUser; }
    /** Empty: no guest login. */
    public Optional<String> guestPassword() { return Optional.ofNullable(guestPassword); }
    public double outlierConstant() { return outlierConstant; }
    /** Requests an endpoint needs before its mean gives it an outlier threshold. */
    public int outlierMinRequests() { return outlierMinRequests; }
    /** The least time a request must run to be an outlier, whatever its endpoint's mean. */
    public Duration outlierMinDuration() { return outlierMinDuration; }
    /** The percentile (50-99.99) of the percentile threshold rule; empty: the mean rule. */
    public Optional<Double> outlierPercentile() { return Optional.ofNullable(outlierPercentile); }
    /** How many of an endpoint's latest durations the percentile rule looks at. */
    public int outlierPercentileWindow() { return outlierPercentileWindow; }
    /** Outliers kept per endpoint. */
    public int outlierKeep() { return outlierKeep; }
    /** Header or parameter names masked in outliers besides the built-in rule ({@code SensitiveNames}). */
    public List<String> outlierMaskHeaders() { return outlierMaskHeaders; }
    /** Words that, contained in a header or parameter name (ignoring case), mask its values in outliers. */
    public List<String> outlierMaskParameters() { return outlierMaskParameters; }
    /** Frames kept of an outlier's request stack. */
    public int outlierMaxStackDepth() { return outlierMaxStackDepth; }
    /** Frames kept per thread of an outlier's thread dump. */
    public int outlierMaxDumpStackDepth() { return outlierMaxDumpStackDepth; }
    /** Threads kept of an outlier's thread dump. */
    public int outlierMaxDumpThreads() { return outlierMaxDumpThreads; }
    /** Characters of an outlier's dumped stacks together. */
    public int outlierMaxDumpChars() { return outlierMaxDumpChars; }
    /** Headers, and parameters, an outlier keeps. */
    public int outlierMaxFields() { return outlierMaxFields; }
    /** Characters kept of one header or parameter value, the URL, the query. */
    public int outlierMaxValueChars() { return outlierMaxValueChars; }
    /** How often the profiler samples a level-3 request's stack. */
    public Duration profilerPeriod() { return profilerPeriod; }
    /** Request profiles kept per endpoint. */
    public int profilerKeep() { return profilerKeep; }
    /** Monitoring level (0-3) given to endpoints seen for the first time. */
    public int defaultLevel() { return defaultLevel; }

    /** How often levels changed by other instances are reloaded from the store; zero: never. */
    public Duration levelsRefresh() { return levelsRefresh; }
    public ZoneId timezone() { return timezone; }
    public String serviceName() { return serviceName; }
    public String instanceName() { return instanceName; }
    /** IP addresses or CIDR ranges whose X-Forwarded-For / Forwarded headers are believed. */
    public List<String> trustedProxies() { return trustedProxies; }
    public int maxEndpoints() { return maxEndpoints; }
    public int queueCapacity() { return queueCapacity; }
    public int batchSize() { return batchSize; }
    public Duration shutdownTimeout() { return shutdownTimeout; }
    /** How long one dashboard call may read before it is cancelled. */
    public Duration dashboardQueryTimeout() { return dashboardQueryTimeout; }
    /** Smallest relative change the version report calls a change (0.05 for 5 %). */
    public double reportMinEffect() { return reportMinEffect / 100; }
    /** Requests an endpoint needs on each side of the version report to be tested. */
    public int reportMinRequests() { return reportMinRequests; }
    /** How long raw request rows are kept. */
    public Duration retentionRequests() { return retentionRequests; }
    /** How long rollups are kept; at least {@link #retentionRequests()}. */
    public Duration retentionRollups() { return retentionRollups; }
    /** How often resources are sampled; zero: never. */
    public Duration resourcesPeriod() { return resourcesPeriod; }
    /** How long raw resource samples are kept. */
    public Duration retentionResources() { return retentionResources; }
    /** Whether {@code <dashboard path>/metrics} serves metrics for Prometheus. */
    public boolean prometheusEnabled() { return prometheusEnabled; }
    /** The bearer token a scraper must send; empty: the dashboard login protects the route. */
    public Optional<String> prometheusToken() { return Optional.ofNullable(prometheusToken); }
    /** How often the alert rules are evaluated here; zero: not on this instance. */
    public Duration alertsPeriod() { return alertsPeriod; }
    /** How often a firing alert is notified again. */
    public Duration alertsRepeat() { return alertsRepeat; }

    /**
     * Every key with its effective value, in {@link ConfigKey} order, for the startup log. Passwords are
     * masked (only whether they are hashed shows), and so is a password inside the JDBC URL.
     */
    public Map<String, String> effectiveConfiguration() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigKey k : ConfigKey.values()) {
            out.put(k.property(), display(k));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Where a key's value came from: "default", "code", "environment variable X", "file X", ... */
    public String sourceOf(ConfigKey key) {
        return sources.getOrDefault(key, "default");
    }

    /** One line per key, {@code key = value [source]}, masked like {@link #effectiveConfiguration()}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("MonitorDash configuration:");
        for (ConfigKey k : ConfigKey.values()) {
            sb.append(System.lineSeparator()).append("  ").append(k.property()).append(" = ").append(display(k))
                    .append("  [").append(sourceOf(k)).append(']');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "MonitorConfig" + effectiveConfiguration();
    }

    private String display(ConfigKey key) {
        return switch (key) {
            case DATABASE -> Checks.maskUrl(databaseUrl);
            case DATABASE_USER -> orNotSet(databaseUser);
            case DATABASE_PASSWORD -> databasePassword == null ? NOT_SET : MASK;
            case DASHBOARD_PATH -> dashboardPath;
            case VERSION -> appVersion == null ? "(not set: detected)" : appVersion;
            case GIT_DIR -> gitDir == null ? "(not set: searched from the working directory)" : gitDir;
            case ADMIN_USERNAME -> adminUser;
            case ADMIN_PASSWORD -> secret(adminPassword, "(not set: generated and logged at startup)");
            case GUEST_USERNAME -> guestUser;
            case GUEST_PASSWORD -> secret(guestPassword, "(not set: guest login disabled)");
            case OUTLIER_CONSTANT -> Double.toString(outlierConstant);
            case OUTLIER_MIN_REQUESTS -> Integer.toString(outlierMinRequests);
            case OUTLIER_MIN_DURATION -> Values.format(outlierMinDuration);
            case OUTLIER_PERCENTILE -> outlierPercentile == null ? "(not set: the mean rule)"
                    : outlierPercentile.toString();
            case OUTLIER_PERCENTILE_WINDOW -> Integer.toString(outlierPercentileWindow);
            case OUTLIER_KEEP -> Integer.toString(outlierKeep);
            case OUTLIER_MASK_HEADERS -> outlierMaskHeaders.isEmpty() ? "(none)" : String.join(",", outlierMaskHeaders);
            case OUTLIER_MASK_PARAMETERS -> outlierMaskParameters.isEmpty() ? "(none)"
                    : String.join(",", outlierMaskParameters);
            case OUTLIER_MAX_STACK_DEPTH -> Integer.toString(outlierMaxStackDepth);
            case OUTLIER_MAX_DUMP_STACK_DEPTH -> Integer.toString(outlierMaxDumpStackDepth);
            case OUTLIER_MAX_DUMP_THREADS -> Integer.toString(outlierMaxDumpThreads);
            case OUTLIER_MAX_DUMP_CHARS -> Integer.toString(outlierMaxDumpChars);
            case OUTLIER_MAX_FIELDS -> Integer.toString(outlierMaxFields);
            case OUTLIER_MAX_VALUE_CHARS -> Integer.toString(outlierMaxValueChars);
            case PROFILER_PERIOD -> Values.format(profilerPeriod);
            case PROFILER_KEEP -> Integer.toString(profilerKeep);
            case DEFAULT_LEVEL -> Integer.toString(defaultLevel);
            case LEVELS_REFRESH -> levelsRefresh.isZero() ? "0 (off)" : Values.format(levelsRefresh);
            case TIMEZONE -> timezone.getId();
            case SERVICE -> serviceName;
            case INSTANCE -> instanceName;
            case TRUSTED_PROXIES -> trustedProxies.isEmpty() ? "(none)" : String.join(",", trustedProxies);
            case MAX_ENDPOINTS -> Integer.toString(maxEndpoints);
            case QUEUE_CAPACITY -> Integer.toString(queueCapacity);
            case WRITER_BATCH_SIZE -> Integer.toString(batchSize);
            case SHUTDOWN_TIMEOUT -> Values.format(shutdownTimeout);
            case DASHBOARD_QUERY_TIMEOUT -> Values.format(dashboardQueryTimeout);
            case REPORT_MIN_EFFECT -> Double.toString(reportMinEffect);
            case REPORT_MIN_REQUESTS -> Integer.toString(reportMinRequests);
            case RETENTION_REQUESTS -> Values.format(retentionRequests);
            case RETENTION_ROLLUPS -> Values.format(retentionRollups);
            case PROMETHEUS_ENABLED -> Boolean.toString(prometheusEnabled);
            case PROMETHEUS_TOKEN -> prometheusToken == null ? "(not set: the dashboard login)" : MASK;
            case ALERTS_PERIOD -> alertsPeriod.isZero() ? "0 (off)" : Values.format(alertsPeriod);
            case ALERTS_REPEAT -> Values.format(alertsRepeat);
            case RESOURCES_PERIOD -> resourcesPeriod.isZero() ? "0 (off)" : Values.format(resourcesPeriod);
            case RETENTION_RESOURCES -> Values.format(retentionResources);
        };
    }

    private static String orNotSet(String v) {
        return v == null ? NOT_SET : v;
    }

    private static String secret(String v, String whenUnset) {
        if (v == null) {
            return whenUnset;
        }
        return Passwords.isHash(v) ? MASK + " (pbkdf2 hash)" : MASK + " (plain text)";
    }

    /**
     * Collects options; {@link #build()} validates them all. Defaults come from {@link ConfigKey}. A value
     * set here in code is never overwritten by {@link ConfigLoader#applyTo}, whatever the call order.
     */
    public static final class Builder {
        String databaseUrl;
        String databaseUser;
        String databasePassword;
        String dashboardPath;
        String appVersion;
        String gitDir;
        String adminUser;
        String adminPassword;
        String guestUser;
        String guestPassword;
        double outlierConstant;
        int outlierMinRequests;
        Duration outlierMinDuration;
        Double outlierPercentile;
        int outlierPercentileWindow;
        int outlierKeep;
        List<String> outlierMaskHeaders;
        List<String> outlierMaskParameters;
        int outlierMaxStackDepth;
        int outlierMaxDumpStackDepth;
        int outlierMaxDumpThreads;
        int outlierMaxDumpChars;
        int outlierMaxFields;
        int outlierMaxValueChars;
        Duration profilerPeriod;
        int profilerKeep;
        int defaultLevel;
        Duration levelsRefresh;
        ZoneId timezone;
        String serviceName;
        String instanceName;
        List<String> trustedProxies;
        int maxEndpoints;
        int queueCapacity;
        int batchSize;
        Duration shutdownTimeout;
        Duration dashboardQueryTimeout;
        double reportMinEffect;
        int reportMinRequests;
        Duration retentionRequests;
        Duration retentionRollups;
        boolean prometheusEnabled;
        String prometheusToken;
        Duration alertsPeriod;
        Duration alertsRepeat;
        Duration resourcesPeriod;
        Duration retentionResources;
        /** Where each value came from; a key without an entry holds its default. */
        final Map<ConfigKey, String> sources = new EnumMap<>(ConfigKey.class);

        private Builder() {
            for (ConfigKey k : ConfigKey.values()) {
                k.defaultValue().ifPresent(v -> set(k, v, null));
            }
            trustedProxies = List.of();
            timezone = ZoneId.systemDefault();
            instanceName = defaultInstanceName();
            sources.clear();
        }

        public Builder databaseUrl(String v) { databaseUrl = v; return code(ConfigKey.DATABASE); }
        public Builder databaseUser(String v) { databaseUser = v; return code(ConfigKey.DATABASE_USER); }
        public Builder databasePassword(String v) { databasePassword = v; return code(ConfigKey.DATABASE_PASSWORD); }
        public Builder dashboardPath(String v) { dashboardPath = v; return code(ConfigKey.DASHBOARD_PATH); }
        public Builder appVersion(String v) { appVersion = v; return code(ConfigKey.VERSION); }
        public Builder gitDir(String v) { gitDir = v; return code(ConfigKey.GIT_DIR); }
        public Builder adminUser(String v) { adminUser = v; return code(ConfigKey.ADMIN_USERNAME); }
        public Builder adminPassword(String v) { adminPassword = v; return code(ConfigKey.ADMIN_PASSWORD); }
        public Builder guestUser(String v) { guestUser = v; return code(ConfigKey.GUEST_USERNAME); }
        public Builder guestPassword(String v) { guestPassword = v; return code(ConfigKey.GUEST_PASSWORD); }
        public Builder outlierConstant(double v) { outlierConstant = v; return code(ConfigKey.OUTLIER_CONSTANT); }
        public Builder outlierMinRequests(int v) { outlierMinRequests = v; return code(ConfigKey.OUTLIER_MIN_REQUESTS); }
        public Builder outlierMinDuration(Duration v) {
            outlierMinDuration = v;
            return code(ConfigKey.OUTLIER_MIN_DURATION);
        }
        /** The percentile rule (e.g. 99 or 99.9); null: the mean rule. */
        public Builder outlierPercentile(Double v) {
            outlierPercentile = v;
            return code(ConfigKey.OUTLIER_PERCENTILE);
        }
        public Builder outlierPercentileWindow(int v) {
            outlierPercentileWindow = v;
            return code(ConfigKey.OUTLIER_PERCENTILE_WINDOW);
        }
        public Builder outlierKeep(int v) { outlierKeep = v; return code(ConfigKey.OUTLIER_KEEP); }
        public Builder outlierMaskHeaders(List<String> v) {
            outlierMaskHeaders = v == null ? null : new ArrayList<>(v);
            return code(ConfigKey.OUTLIER_MASK_HEADERS);
        }
        public Builder outlierMaskParameters(List<String> v) {
            outlierMaskParameters = v == null ? null : new ArrayList<>(v);
            return code(ConfigKey.OUTLIER_MASK_PARAMETERS);
        }
        public Builder outlierMaxStackDepth(int v) {
            outlierMaxStackDepth = v;
            return code(ConfigKey.OUTLIER_MAX_STACK_DEPTH);
        }
        public Builder outlierMaxDumpStackDepth(int v) {
            outlierMaxDumpStackDepth = v;
            return code(ConfigKey.OUTLIER_MAX_DUMP_STACK_DEPTH);
        }
        public Builder outlierMaxDumpThreads(int v) {
            outlierMaxDumpThreads = v;
            return code(ConfigKey.OUTLIER_MAX_DUMP_THREADS);
        }
        public Builder outlierMaxDumpChars(int v) {
            outlierMaxDumpChars = v;
            return code(ConfigKey.OUTLIER_MAX_DUMP_CHARS);
        }
        public Builder outlierMaxFields(int v) { outlierMaxFields = v; return code(ConfigKey.OUTLIER_MAX_FIELDS); }
        public Builder outlierMaxValueChars(int v) {
            outlierMaxValueChars = v;
            return code(ConfigKey.OUTLIER_MAX_VALUE_CHARS);
        }
        public Builder profilerPeriod(Duration v) { profilerPeriod = v; return code(ConfigKey.PROFILER_PERIOD); }
        public Builder profilerKeep(int v) { profilerKeep = v; return code(ConfigKey.PROFILER_KEEP); }
        public Builder defaultLevel(int v) { defaultLevel = v; return code(ConfigKey.DEFAULT_LEVEL); }
        /** How often levels are reloaded from the store; {@link Duration#ZERO}: only at startup. */
        public Builder levelsRefresh(Duration v) { levelsRefresh = v; return code(ConfigKey.LEVELS_REFRESH); }
        public Builder timezone(ZoneId v) { timezone = v; return code(ConfigKey.TIMEZONE); }
        public Builder serviceName(String v) { serviceName = v; return code(ConfigKey.SERVICE); }
        public Builder instanceName(String v) { instanceName = v; return code(ConfigKey.INSTANCE); }
        public Builder trustedProxies(List<String> v) {
            trustedProxies = v == null ? null : new ArrayList<>(v);
            return code(ConfigKey.TRUSTED_PROXIES);
        }
        public Builder maxEndpoints(int v) { maxEndpoints = v; return code(ConfigKey.MAX_ENDPOINTS); }
        public Builder queueCapacity(int v) { queueCapacity = v; return code(ConfigKey.QUEUE_CAPACITY); }
        public Builder batchSize(int v) { batchSize = v; return code(ConfigKey.WRITER_BATCH_SIZE); }
        public Builder shutdownTimeout(Duration v) { shutdownTimeout = v; return code(ConfigKey.SHUTDOWN_TIMEOUT); }
        /** In percent: 5 for 5 %. */
        public Builder reportMinEffect(double percent) {
            reportMinEffect = percent;
            return code(ConfigKey.REPORT_MIN_EFFECT);
        }
        public Builder reportMinRequests(int v) {
            reportMinRequests = v;
            return code(ConfigKey.REPORT_MIN_REQUESTS);
        }
        public Builder dashboardQueryTimeout(Duration v) {
            dashboardQueryTimeout = v;
            return code(ConfigKey.DASHBOARD_QUERY_TIMEOUT);
        }
        public Builder retentionRequests(Duration v) { retentionRequests = v; return code(ConfigKey.RETENTION_REQUESTS); }
        public Builder retentionRollups(Duration v) { retentionRollups = v; return code(ConfigKey.RETENTION_ROLLUPS); }
        /** Serves {@code <dashboard path>/metrics} for Prometheus (docs/prometheus.md). */
        public Builder prometheusEnabled(boolean v) { prometheusEnabled = v; return code(ConfigKey.PROMETHEUS_ENABLED); }
        /** The bearer token a scraper must send; null: the dashboard login protects the route. */
        public Builder prometheusToken(String v) { prometheusToken = v; return code(ConfigKey.PROMETHEUS_TOKEN); }
        /** How often the alert rules are evaluated; zero: not on this instance (docs/alerts.md). */
        public Builder alertsPeriod(Duration v) { alertsPeriod = v; return code(ConfigKey.ALERTS_PERIOD); }
        /** How often a firing alert is notified again. */
        public Builder alertsRepeat(Duration v) { alertsRepeat = v; return code(ConfigKey.ALERTS_REPEAT); }
        /** How often the resource thread samples (docs/resources.md); zero: no sampling. */
        public Builder resourcesPeriod(Duration v) { resourcesPeriod = v; return code(ConfigKey.RESOURCES_PERIOD); }
        public Builder retentionResources(Duration v) {
            retentionResources = v;
            return code(ConfigKey.RETENTION_RESOURCES);
        }

        /**
         * Sets a key from its text form, exactly as a properties file would (e.g. servlet init parameters).
         *
         * @throws ConfigException when the text does not parse, naming the key
         */
        public Builder set(ConfigKey key, String value) {
            return set(key, value, Checks.CODE);
        }

        /**
         * The defaults that depend on which web application is monitored: {@code monitordash.database} and
         * {@code monitordash.service} from its context path ({@link ApplicationDefaults}), each only while it
         * still holds its default, so a value from code, a system property, the environment or a file is never
         * changed. Call it last, just before {@link #build()}.
         *
         * @param contextPath the servlet context path, {@code ""} for the root application
         */
        public Builder applicationDefaults(String contextPath) {
            if (!sources.containsKey(ConfigKey.DATABASE)) {
                databaseUrl = ApplicationDefaults.databaseUrl(contextPath);
            }
            if (!sources.containsKey(ConfigKey.SERVICE)) {
                serviceName = ApplicationDefaults.serviceName(contextPath);
            }
            return this;
        }

        /** Whether the key was set in code (then the loader leaves it alone). */
        boolean isSetInCode(ConfigKey key) {
            return Checks.CODE.equals(sources.get(key));
        }

        /**
         * Parses and sets a text value, remembering its source (null: default) for messages and logs, e.g.
         * {@code "Spring property monitordash.service (application.properties:3)"}: for integrations that read
         * the keys from a configuration system of their own, so that an error still says where the value was.
         *
         * @throws ConfigException when the text does not parse, naming the key and the source
         */
        public Builder set(ConfigKey key, String value, String source) {
            Objects.requireNonNull(value, key.property());
            Builder self;
            try {
                // A switch expression: adding a ConfigKey without a case here does not compile.
                self = switch (key) {
                    case DATABASE -> databaseUrl(value);
                    case DATABASE_USER -> databaseUser(value);
                    case DATABASE_PASSWORD -> databasePassword(value);
                    case DASHBOARD_PATH -> dashboardPath(value);
                    case VERSION -> appVersion(value);
                    case GIT_DIR -> gitDir(value);
                    case ADMIN_USERNAME -> adminUser(value);
                    case ADMIN_PASSWORD -> adminPassword(value);
                    case GUEST_USERNAME -> guestUser(value);
                    case GUEST_PASSWORD -> guestPassword(value);
                    case OUTLIER_CONSTANT -> outlierConstant(Values.decimal(value));
                    case OUTLIER_MIN_REQUESTS -> outlierMinRequests(Values.integer(value));
                    case OUTLIER_MIN_DURATION -> outlierMinDuration(Values.duration(value));
                    case OUTLIER_PERCENTILE -> outlierPercentile(value.isBlank() ? null : Values.decimal(value));
                    case OUTLIER_PERCENTILE_WINDOW -> outlierPercentileWindow(Values.integer(value));
                    case OUTLIER_KEEP -> outlierKeep(Values.integer(value));
                    case OUTLIER_MASK_HEADERS -> outlierMaskHeaders(Values.list(value));
                    case OUTLIER_MASK_PARAMETERS -> outlierMaskParameters(Values.list(value));
                    case OUTLIER_MAX_STACK_DEPTH -> outlierMaxStackDepth(Values.integer(value));
                    case OUTLIER_MAX_DUMP_STACK_DEPTH -> outlierMaxDumpStackDepth(Values.integer(value));
                    case OUTLIER_MAX_DUMP_THREADS -> outlierMaxDumpThreads(Values.integer(value));
                    case OUTLIER_MAX_DUMP_CHARS -> outlierMaxDumpChars(Values.integer(value));
                    case OUTLIER_MAX_FIELDS -> outlierMaxFields(Values.integer(value));
                    case OUTLIER_MAX_VALUE_CHARS -> outlierMaxValueChars(Values.integer(value));
                    case PROFILER_PERIOD -> profilerPeriod(Values.duration(value));
                    case PROFILER_KEEP -> profilerKeep(Values.integer(value));
                    case DEFAULT_LEVEL -> defaultLevel(Values.level(value));
                    case LEVELS_REFRESH -> levelsRefresh(Values.duration(value));
                    case TIMEZONE -> timezone(Values.zone(value));
                    case SERVICE -> serviceName(value);
                    case INSTANCE -> instanceName(value);
                    case TRUSTED_PROXIES -> trustedProxies(Values.list(value));
                    case MAX_ENDPOINTS -> maxEndpoints(Values.integer(value));
                    case QUEUE_CAPACITY -> queueCapacity(Values.integer(value));
                    case WRITER_BATCH_SIZE -> batchSize(Values.integer(value));
                    case SHUTDOWN_TIMEOUT -> shutdownTimeout(Values.duration(value));
                    case DASHBOARD_QUERY_TIMEOUT -> dashboardQueryTimeout(Values.duration(value));
                    case REPORT_MIN_EFFECT -> reportMinEffect(Values.decimal(value.strip().replaceFirst("%$", "")));
                    case REPORT_MIN_REQUESTS -> reportMinRequests(Values.integer(value));
                    case RETENTION_REQUESTS -> retentionRequests(Values.duration(value));
                    case RETENTION_ROLLUPS -> retentionRollups(Values.duration(value));
                    case PROMETHEUS_ENABLED -> prometheusEnabled(Values.bool(value));
                    case PROMETHEUS_TOKEN -> prometheusToken(value);
                    case ALERTS_PERIOD -> alertsPeriod(Values.duration(value));
                    case ALERTS_REPEAT -> alertsRepeat(Values.duration(value));
                    case RESOURCES_PERIOD -> resourcesPeriod(Values.duration(value));
                    case RETENTION_RESOURCES -> retentionResources(Values.duration(value));
                };
            } catch (IllegalArgumentException | DateTimeException e) {
                String was = key.isSecret() ? "" : ", was '" + value + "'";
                throw new ConfigException(key.property(), "must be " + key.expects() + was + Checks.suffix(source));
            }
            if (source == null) {
                sources.remove(key);
            } else {
                sources.put(key, source);
            }
            return self;
        }

        /** Validates every option and fails with a {@link ConfigException} naming the offending key. */
        public MonitorConfig build() {
            return new MonitorConfig(this);
        }

        private Builder code(ConfigKey key) {
            sources.put(key, Checks.CODE);
            return this;
        }

        private static String defaultInstanceName() {
            return HostName.VALUE + ":" + ProcessHandle.current().pid();
        }
    }

    /** Looked up once per JVM: resolving the local host name can take a while on a badly set up host. */
    private static final class HostName {
        static final String VALUE = lookUp();

        private static String lookUp() {
            String host = System.getenv("HOSTNAME");
            if (host == null || host.isBlank()) {
                try {
                    host = java.net.InetAddress.getLocalHost().getHostName();
                } catch (java.io.IOException | RuntimeException e) {
                    host = "localhost";
                }
            }
            return host;
        }
    }
}
