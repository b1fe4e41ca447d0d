package dev.monitordash.core.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The one validated, immutable configuration of a monitor. Built in code with {@link #builder()},
 * or loaded from a properties file, system properties and environment variables by {@link ConfigLoader}.
 * Every key is listed in {@link ConfigKey} and documented in the README's configuration table.
 */
public final class MonitorConfig {

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
    private final int defaultLevel;
    private final ZoneId timezone;
    private final String serviceName;
    private final String instanceName;
    private final List<String> trustedProxies;
    private final int maxEndpoints;
    private final int queueCapacity;
    private final int batchSize;
    private final Duration shutdownTimeout;

    private MonitorConfig(Builder b) {
        this.databaseUrl = b.databaseUrl;
        this.databaseUser = b.databaseUser;
        this.databasePassword = b.databasePassword;
        this.dashboardPath = b.dashboardPath;
        this.appVersion = b.appVersion;
        this.gitDir = b.gitDir;
        this.adminUser = b.adminUser;
        this.adminPassword = b.adminPassword;
        this.guestUser = b.guestUser;
        this.guestPassword = b.guestPassword;
        this.outlierConstant = b.outlierConstant;
        this.defaultLevel = b.defaultLevel;
        this.timezone = b.timezone;
        this.serviceName = b.serviceName;
        this.instanceName = b.instanceName;
        this.trustedProxies = List.copyOf(b.trustedProxies);
        this.maxEndpoints = b.maxEndpoints;
        this.queueCapacity = b.queueCapacity;
        this.batchSize = b.batchSize;
        this.shutdownTimeout = b.shutdownTimeout;
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
    /** Monitoring level (0-3) given to endpoints seen for the first time. */
    public int defaultLevel() { return defaultLevel; }
    public ZoneId timezone() { return timezone; }
    public String serviceName() { return serviceName; }
    public String instanceName() { return instanceName; }
    /** IP addresses or CIDR ranges whose X-Forwarded-For / Forwarded headers are believed. */
    public List<String> trustedProxies() { return trustedProxies; }
    public int maxEndpoints() { return maxEndpoints; }
    public int queueCapacity() { return queueCapacity; }
    public int batchSize() { return batchSize; }
    public Duration shutdownTimeout() { return shutdownTimeout; }

    public static final class Builder {
        String databaseUrl = "jdbc:sqlite:monitordash.db";
        String databaseUser;
        String databasePassword;
        String dashboardPath = "/dashboard";
        String appVersion;
        String gitDir;
        String adminUser = "admin";
        String adminPassword;
        String guestUser = "guest";
        String guestPassword;
        double outlierConstant = 2.5;
        int defaultLevel = 1;
        ZoneId timezone = ZoneId.systemDefault();
        String serviceName = "app";
        String instanceName = defaultInstanceName();
        List<String> trustedProxies = List.of();
        int maxEndpoints = 500;
        int queueCapacity = 65_536;
        int batchSize = 1_000;
        Duration shutdownTimeout = Duration.ofSeconds(5);

        private Builder() {
        }

        public Builder databaseUrl(String v) { databaseUrl = v; return this; }
        public Builder databaseUser(String v) { databaseUser = v; return this; }
        public Builder databasePassword(String v) { databasePassword = v; return this; }
        public Builder dashboardPath(String v) { dashboardPath = v; return this; }
        public Builder appVersion(String v) { appVersion = v; return this; }
        public Builder gitDir(String v) { gitDir = v; return this; }
        public Builder adminUser(String v) { adminUser = v; return this; }
        public Builder adminPassword(String v) { adminPassword = v; return this; }
        public Builder guestUser(String v) { guestUser = v; return this; }
        public Builder guestPassword(String v) { guestPassword = v; return this; }
        public Builder outlierConstant(double v) { outlierConstant = v; return this; }
        public Builder defaultLevel(int v) { defaultLevel = v; return this; }
        public Builder timezone(ZoneId v) { timezone = v; return this; }
        public Builder serviceName(String v) { serviceName = v; return this; }
        public Builder instanceName(String v) { instanceName = v; return this; }
        public Builder trustedProxies(List<String> v) { trustedProxies = v; return this; }
        public Builder maxEndpoints(int v) { maxEndpoints = v; return this; }
        public Builder queueCapacity(int v) { queueCapacity = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder shutdownTimeout(Duration v) { shutdownTimeout = v; return this; }

        /** Validates every option and fails with a {@link ConfigException} naming the offending key. */
        public MonitorConfig build() {
            // TODO(config helper): full validation naming ConfigKey of each option.
            return new MonitorConfig(this);
        }

        private static String defaultInstanceName() {
            String host = System.getenv("HOSTNAME");
            if (host == null || host.isBlank()) {
                try {
                    host = java.net.InetAddress.getLocalHost().getHostName();
                } catch (java.io.IOException | RuntimeException e) {
                    host = "localhost";
                }
            }
            return host + ":" + ProcessHandle.current().pid();
        }
    }
}
