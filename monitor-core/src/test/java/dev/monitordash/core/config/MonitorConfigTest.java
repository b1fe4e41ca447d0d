package dev.monitordash.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class MonitorConfigTest {

    private static final String HASH = "{pbkdf2}1000:AAECAwQFBgcICQoLDA0ODw==:yRTMTwbMbo9G0VfjobWqerzuuxe7BETNTErBbKKumGQ=";

    /** Per key: a valid text, what the config then returns, and a text that must be refused. */
    private record Example(String valid, Function<MonitorConfig, Object> read, Object expected, String broken) {
    }

    private static final Map<ConfigKey, Example> EXAMPLES = new EnumMap<>(ConfigKey.class);

    static {
        put(ConfigKey.DATABASE, "jdbc:postgresql://db:5432/monitor", MonitorConfig::databaseUrl,
                "jdbc:postgresql://db:5432/monitor", "sqlite:///flask-dashboard.db");
        put(ConfigKey.DATABASE_USER, "monitor", c -> c.databaseUser().orElseThrow(), "monitor", "mon\u0001itor");
        put(ConfigKey.DATABASE_PASSWORD, "s3cret", c -> c.databasePassword().orElseThrow(), "s3cret", null);
        put(ConfigKey.DASHBOARD_PATH, "monitoring/dash/", MonitorConfig::dashboardPath, "/monitoring/dash", "/*");
        put(ConfigKey.VERSION, "2.1.0", c -> c.appVersion().orElseThrow(), "2.1.0", "v".repeat(101));
        put(ConfigKey.GIT_DIR, "/srv/app/.git", c -> c.gitDir().orElseThrow(), "/srv/app/.git", "/srv/\u0000app");
        put(ConfigKey.ADMIN_USERNAME, "root", MonitorConfig::adminUser, "root", " ");
        put(ConfigKey.ADMIN_PASSWORD, HASH, c -> c.adminPassword().orElseThrow(), HASH, "{pbkdf2}many:AAAA:BBBB");
        put(ConfigKey.GUEST_USERNAME, "visitor", MonitorConfig::guestUser, "visitor", "\t");
        put(ConfigKey.GUEST_PASSWORD, "{noop}guest", c -> c.guestPassword().orElseThrow(), "{noop}guest",
                "{bcrypt}$2a$10$abcdefghijklmnopqrstuv");
        put(ConfigKey.OUTLIER_CONSTANT, "3.5", MonitorConfig::outlierConstant, 3.5, "1");
        put(ConfigKey.OUTLIER_MIN_REQUESTS, "25", MonitorConfig::outlierMinRequests, 25, "0");
        put(ConfigKey.OUTLIER_MIN_DURATION, "250ms", MonitorConfig::outlierMinDuration, Duration.ofMillis(250), "2h");
        put(ConfigKey.OUTLIER_PERCENTILE, "99.9", c -> c.outlierPercentile().orElseThrow(), 99.9, "99.999");
        put(ConfigKey.OUTLIER_PERCENTILE_WINDOW, "500", MonitorConfig::outlierPercentileWindow, 500, "9");
        put(ConfigKey.OUTLIER_KEEP, "7", MonitorConfig::outlierKeep, 7, "100001");
        put(ConfigKey.OUTLIER_MASK_HEADERS, "X-Api-Key, X-Auth-Token", MonitorConfig::outlierMaskHeaders,
                List.of("X-Api-Key", "X-Auth-Token"), "X-Api-Key,X:Y");
        put(ConfigKey.OUTLIER_MASK_PARAMETERS, "pin,otp", MonitorConfig::outlierMaskParameters, List.of("pin", "otp"),
                "pin,o/tp");
        put(ConfigKey.OUTLIER_MAX_STACK_DEPTH, "40", MonitorConfig::outlierMaxStackDepth, 40, "0");
        put(ConfigKey.OUTLIER_MAX_DUMP_STACK_DEPTH, "8", MonitorConfig::outlierMaxDumpStackDepth, 8, "10001");
        put(ConfigKey.OUTLIER_MAX_DUMP_THREADS, "300", MonitorConfig::outlierMaxDumpThreads, 300, "0");
        put(ConfigKey.OUTLIER_MAX_DUMP_CHARS, "50000", MonitorConfig::outlierMaxDumpChars, 50_000, "999");
        put(ConfigKey.OUTLIER_MAX_FIELDS, "0", MonitorConfig::outlierMaxFields, 0, "-1");
        put(ConfigKey.OUTLIER_MAX_VALUE_CHARS, "512", MonitorConfig::outlierMaxValueChars, 512, "15");
        put(ConfigKey.PROFILER_PERIOD, "20ms", MonitorConfig::profilerPeriod, Duration.ofMillis(20), "0");
        put(ConfigKey.PROFILER_KEEP, "30", MonitorConfig::profilerKeep, 30, "-1");
        put(ConfigKey.DEFAULT_LEVEL, "3", MonitorConfig::defaultLevel, 3, "4");
        put(ConfigKey.LEVELS_REFRESH, "30s", MonitorConfig::levelsRefresh, Duration.ofSeconds(30), "500ms");
        put(ConfigKey.TIMEZONE, "Europe/Amsterdam", MonitorConfig::timezone, ZoneId.of("Europe/Amsterdam"),
                "Mars/Olympus_Mons");
        put(ConfigKey.SERVICE, "shop", MonitorConfig::serviceName, "shop", "");
        put(ConfigKey.INSTANCE, "shop-2", MonitorConfig::instanceName, "shop-2", "x".repeat(256));
        put(ConfigKey.TRUSTED_PROXIES, "10.0.0.0/8, 192.168.1.7 ::1,fd00::/8", MonitorConfig::trustedProxies,
                List.of("10.0.0.0/8", "192.168.1.7", "::1", "fd00::/8"), "10.0.0.0/8,proxy.example.com");
        put(ConfigKey.MAX_ENDPOINTS, "2000", MonitorConfig::maxEndpoints, 2000, "0");
        put(ConfigKey.QUEUE_CAPACITY, "100000", MonitorConfig::queueCapacity, 100_000, "5000000");
        put(ConfigKey.WRITER_BATCH_SIZE, "250", MonitorConfig::batchSize, 250, "ten");
        put(ConfigKey.SHUTDOWN_TIMEOUT, "1500ms", MonitorConfig::shutdownTimeout, Duration.ofMillis(1500), "5 parsecs");
        put(ConfigKey.RETENTION_REQUESTS, "7d", MonitorConfig::retentionRequests, Duration.ofDays(7), "30m");
        put(ConfigKey.RETENTION_ROLLUPS, "90d", MonitorConfig::retentionRollups, Duration.ofDays(90), "3651d");
        put(ConfigKey.DASHBOARD_QUERY_TIMEOUT, "2m", MonitorConfig::dashboardQueryTimeout, Duration.ofMinutes(2), "50ms");
        put(ConfigKey.REPORT_MIN_EFFECT, "2.5%", MonitorConfig::reportMinEffect, 0.025, "-1");
        put(ConfigKey.REPORT_MIN_REQUESTS, "500", MonitorConfig::reportMinRequests, 500, "19");
        put(ConfigKey.PROMETHEUS_ENABLED, "TRUE", MonitorConfig::prometheusEnabled, true, "yes");
        put(ConfigKey.PROMETHEUS_TOKEN, " scrape-token-0123456789 ", c -> c.prometheusToken().orElseThrow(),
                "scrape-token-0123456789", "short-token");
        put(ConfigKey.ALERTS_PERIOD, "5s", MonitorConfig::alertsPeriod, Duration.ofSeconds(5), "500ms");
        put(ConfigKey.ALERTS_REPEAT, "30m", MonitorConfig::alertsRepeat, Duration.ofMinutes(30), "10s");
        put(ConfigKey.RESOURCES_PERIOD, "30s", MonitorConfig::resourcesPeriod, Duration.ofSeconds(30), "500ms");
        put(ConfigKey.RETENTION_RESOURCES, "12h", MonitorConfig::retentionResources, Duration.ofHours(12), "10m");
    }

    private static void put(ConfigKey key, String valid, Function<MonitorConfig, Object> read, Object expected,
            String broken) {
        EXAMPLES.put(key, new Example(valid, read, expected, broken));
    }

    static Stream<Arguments> everyKey() {
        return EXAMPLES.keySet().stream().map(Arguments::of);
    }

    static Stream<Arguments> everyKeyThatCanBeBroken() {
        return EXAMPLES.entrySet().stream().filter(e -> e.getValue().broken() != null).map(e -> arguments(e.getKey()));
    }

    @Test
    void everyKeyHasAnExampleSoThatNewKeysGetTested() {
        assertEquals(EnumSet.allOf(ConfigKey.class), EXAMPLES.keySet());
        // Only the database password accepts any text: the driver decides.
        assertEquals(Set.of(ConfigKey.DATABASE_PASSWORD), EnumSet.copyOf(EXAMPLES.entrySet().stream()
                .filter(e -> e.getValue().broken() == null).map(Map.Entry::getKey).toList()));
    }

    @ParameterizedTest
    @MethodSource("everyKey")
    void appliesAValidTextValueOfEveryKey(ConfigKey key) {
        Example ex = EXAMPLES.get(key);
        MonitorConfig config = MonitorConfig.builder().set(key, ex.valid()).build();
        assertEquals(ex.expected(), ex.read().apply(config));
        assertEquals("code", config.sourceOf(key));
    }

    @ParameterizedTest
    @MethodSource("everyKeyThatCanBeBroken")
    void refusesABrokenValueOfEveryKeyNamingTheKey(ConfigKey key) {
        Example ex = EXAMPLES.get(key);
        ConfigException e = assertThrows(ConfigException.class, () -> MonitorConfig.builder().set(key, ex.broken()).build());
        assertEquals(key.property(), e.key());
        assertTrue(e.getMessage().contains("'" + key.property() + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("must be " + key.expects()), e.getMessage());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        MonitorConfig c = MonitorConfig.builder().build();
        assertEquals("jdbc:sqlite:monitordash.db", c.databaseUrl());
        assertEquals("/dashboard", c.dashboardPath());
        assertEquals(2.5, c.outlierConstant());
        assertEquals(1, c.defaultLevel());
        assertEquals("admin", c.adminUser());
        assertEquals("guest", c.guestUser());
        assertEquals("app", c.serviceName());
        assertEquals(500, c.maxEndpoints());
        assertEquals(65_536, c.queueCapacity());
        assertEquals(1_000, c.batchSize());
        assertEquals(Duration.ofSeconds(5), c.shutdownTimeout());
        assertEquals(Duration.ofSeconds(10), c.levelsRefresh());
        assertEquals(ZoneId.systemDefault(), c.timezone());
        assertTrue(c.instanceName().endsWith(":" + ProcessHandle.current().pid()), c.instanceName());
        assertTrue(c.appVersion().isEmpty() && c.gitDir().isEmpty() && c.adminPassword().isEmpty()
                && c.guestPassword().isEmpty() && c.databaseUser().isEmpty() && c.databasePassword().isEmpty());
        assertEquals(List.of(), c.trustedProxies());
        assertFalse(c.prometheusEnabled(), "the scrape route is opt-in");
        assertTrue(c.prometheusToken().isEmpty());
        for (ConfigKey k : ConfigKey.values()) {
            assertEquals("default", c.sourceOf(k));
        }
    }

    @Test
    void messageNamesKeyExpectationValueAndSource() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> MonitorConfig.builder().set(ConfigKey.OUTLIER_CONSTANT, "abc"));
        assertEquals("MonitorDash configuration key 'monitordash.outlier.constant': must be a number > 1,"
                + " was 'abc' (set in code)", e.getMessage());
        ConfigException typed = assertThrows(ConfigException.class,
                () -> MonitorConfig.builder().outlierConstant(0.5).build());
        assertEquals("MonitorDash configuration key 'monitordash.outlier.constant': must be a number > 1,"
                + " was '0.5' (set in code)", typed.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "", "  ", "//", "/a//b", "/a/../b", "/..", "/dash board", "/dash?x=1", "/dash*"})
    void refusesDashboardPathsThatAreNotAPlainPrefix(String path) {
        ConfigException e = assertThrows(ConfigException.class, () -> MonitorConfig.builder().dashboardPath(path).build());
        assertEquals("monitordash.dashboard.path", e.key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dashboard", "/dashboard", "/dashboard/", "dashboard//", " /dashboard "})
    void normalisesDashboardPath(String path) {
        assertEquals("/dashboard", MonitorConfig.builder().dashboardPath(path).build().dashboardPath());
    }

    @Test
    void acceptsNestedDashboardPath() {
        assertEquals("/admin/monitor-dash_1.0~x",
                MonitorConfig.builder().dashboardPath("/admin/monitor-dash_1.0~x").build().dashboardPath());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:sqlite:", "jdbc:postgresql:", "jdbc:mysql://db/monitor", "monitordash.db", " "})
    void refusesDatabaseUrlsOtherThanSqliteAndPostgresql(String url) {
        ConfigException e = assertThrows(ConfigException.class, () -> MonitorConfig.builder().databaseUrl(url).build());
        assertEquals("monitordash.database", e.key());
    }

    @Test
    void acceptsInMemoryAndFileSqliteUrls() {
        assertEquals("jdbc:sqlite::memory:", MonitorConfig.builder().databaseUrl("jdbc:sqlite::memory:").build().databaseUrl());
        assertEquals("jdbc:sqlite:/var/lib/app/monitor.db",
                MonitorConfig.builder().databaseUrl(" jdbc:sqlite:/var/lib/app/monitor.db ").build().databaseUrl());
    }

    @Test
    void neverEchoesAPasswordInsideARefusedDatabaseUrl() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> MonitorConfig.builder().databaseUrl("jdbc:mysql://db/m?user=u&password=hunter2").build());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains("password=****"), e.getMessage());
    }

    @Test
    void neverEchoesAMalformedPasswordHash() {
        String broken = "{pbkdf2}1000:AAECAwQFBgcICQoLDA0ODw==:not*base64";
        ConfigException e = assertThrows(ConfigException.class,
                () -> MonitorConfig.builder().adminPassword(broken).build());
        assertEquals("monitordash.admin.password", e.key());
        assertFalse(e.getMessage().contains("not*base64"), e.getMessage());
        assertTrue(e.getMessage().contains("hash is not valid base64"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"500ms", "5s", "2m", "PT5S", "pt0.25s", "0", "10m"})
    void acceptsShortAndIsoDurations(String text) {
        Duration d = MonitorConfig.builder().set(ConfigKey.SHUTDOWN_TIMEOUT, text).build().shutdownTimeout();
        assertTrue(!d.isNegative() && d.compareTo(Duration.ofMinutes(10)) <= 0, d.toString());
    }

    @Test
    void rollupsKeptShorterThanRawRequestsFailNamingTheRollupKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> MonitorConfig.builder()
                .set(ConfigKey.RETENTION_REQUESTS, "60d").set(ConfigKey.RETENTION_ROLLUPS, "30d").build());
        assertEquals("monitordash.retention.rollups", e.key());
        assertEquals(Duration.ofDays(60), MonitorConfig.builder().set(ConfigKey.RETENTION_REQUESTS, "60d")
                .set(ConfigKey.RETENTION_ROLLUPS, "60d").build().retentionRollups());
    }

    @ParameterizedTest
    @ValueSource(strings = {"11m", "1h", "-1s", "PT-1S", "5", "5 seconds", "s"})
    void refusesDurationsOutOfRangeOrWithoutUnit(String text) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> MonitorConfig.builder().set(ConfigKey.SHUTDOWN_TIMEOUT, text).build());
        assertEquals("monitordash.shutdown.timeout", e.key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1s", "PT1S", "10s", "1m", "1h"})
    void acceptsALevelsRefreshOfZeroOrOneSecondToOneHour(String text) {
        Duration d = MonitorConfig.builder().set(ConfigKey.LEVELS_REFRESH, text).build().levelsRefresh();
        assertTrue(d.isZero() || (d.compareTo(Duration.ofSeconds(1)) >= 0 && d.compareTo(Duration.ofHours(1)) <= 0),
                d.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"999ms", "1ms", "61m", "-1s", "PT-1S", "10"})
    void refusesALevelsRefreshBelowOneSecondAboveOneHourOrNegative(String text) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> MonitorConfig.builder().set(ConfigKey.LEVELS_REFRESH, text).build());
        assertEquals("monitordash.levels.refresh", e.key());
        assertTrue(e.getMessage().contains("0 (off) or a duration from 1s to 1h"), e.getMessage());
    }

    @Test
    void showsAnOffLevelsRefreshAsOffInTheEffectiveConfiguration() {
        MonitorConfig c = MonitorConfig.builder().levelsRefresh(Duration.ZERO).build();
        assertEquals("0 (off)", c.effectiveConfiguration().get("monitordash.levels.refresh"));
        assertEquals("10s", MonitorConfig.builder().build().effectiveConfiguration().get("monitordash.levels.refresh"));
    }

    @Test
    void acceptsLevelNames() {
        assertEquals(0, MonitorConfig.builder().set(ConfigKey.DEFAULT_LEVEL, "off").build().defaultLevel());
        assertEquals(2, MonitorConfig.builder().set(ConfigKey.DEFAULT_LEVEL, "Outliers").build().defaultLevel());
        assertThrows(ConfigException.class, () -> MonitorConfig.builder().defaultLevel(-1).build());
    }

    @Test
    void refusesBatchLargerThanQueue() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> MonitorConfig.builder().queueCapacity(100).batchSize(101).build());
        assertEquals("monitordash.writer.batch-size", e.key());
        assertEquals(100, MonitorConfig.builder().queueCapacity(100).batchSize(100).build().batchSize());
    }

    @Test
    void guestNameMustDifferFromAdminOnlyWhenGuestLoginIsEnabled() {
        assertEquals("admin", MonitorConfig.builder().guestUser("admin").build().guestUser());
        ConfigException e = assertThrows(ConfigException.class,
                () -> MonitorConfig.builder().guestUser("admin").guestPassword("x").build());
        assertEquals("monitordash.guest.username", e.key());
    }

    @Test
    void blankOptionalValuesMeanNotSet() {
        MonitorConfig c = MonitorConfig.builder().appVersion(" ").gitDir("").adminPassword("")
                .guestPassword(" ").databaseUser("").databasePassword("").build();
        assertTrue(c.appVersion().isEmpty() && c.gitDir().isEmpty() && c.adminPassword().isEmpty()
                && c.guestPassword().isEmpty() && c.databaseUser().isEmpty() && c.databasePassword().isEmpty());
    }

    @Test
    void trustedProxyMistakeNamesTheEntry() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> MonitorConfig.builder().trustedProxies(List.of("10.0.0.1", "10.0.0.0/33")).build());
        assertTrue(e.getMessage().contains("was '10.0.0.0/33'"), e.getMessage());
    }

    @Test
    void effectiveConfigurationListsEveryKeyAndMasksSecrets() {
        MonitorConfig c = MonitorConfig.builder()
                .databaseUrl("jdbc:postgresql://db/m?user=u&password=hunter2")
                .databasePassword("dbsecret").adminPassword("adminsecret").guestPassword(HASH).build();
        Map<String, String> eff = c.effectiveConfiguration();
        assertEquals(Stream.of(ConfigKey.values()).map(ConfigKey::property).toList(), List.copyOf(eff.keySet()));
        assertEquals("****", eff.get("monitordash.database.password"));
        assertEquals("**** (plain text)", eff.get("monitordash.admin.password"));
        assertEquals("**** (pbkdf2 hash)", eff.get("monitordash.guest.password"));
        assertEquals("jdbc:postgresql://db/m?user=u&password=****", eff.get("monitordash.database"));
        for (String text : List.of(c.toString(), c.describe(), eff.toString())) {
            for (String secret : List.of("hunter2", "dbsecret", "adminsecret", HASH.substring(8))) {
                assertFalse(text.contains(secret), () -> secret + " leaked into " + text);
            }
        }
        assertTrue(c.describe().contains("monitordash.admin.password = **** (plain text)  [code]"), c.describe());
    }

    @Test
    void neverEchoesARefusedPrometheusToken() {
        for (String token : List.of("tooShort", "has a blank in it somewhere", "x".repeat(1001))) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> MonitorConfig.builder().set(ConfigKey.PROMETHEUS_TOKEN, token).build());
            assertEquals("monitordash.prometheus.token", e.key());
            assertFalse(e.getMessage().contains(token), e.getMessage());
        }
        MonitorConfig c = MonitorConfig.builder().prometheusToken("scrape-token-0123456789").build();
        for (String text : List.of(c.toString(), c.describe())) {
            assertFalse(text.contains("scrape-token-0123456789"), text);
        }
        assertEquals("****", c.effectiveConfiguration().get("monitordash.prometheus.token"));
    }

    @Test
    void masksPasswordInUserInfoOfUrl() {
        assertEquals("jdbc:postgresql://u:****@db/m", Checks.maskUrl("jdbc:postgresql://u:pw@db/m"));
    }
}
