package dev.monitordash.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.time.Duration;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @TempDir
    Path work;
    @TempDir
    Path classpathDir;

    private final Map<String, String> sys = new HashMap<>();
    private final Map<String, String> env = new HashMap<>();

    private static final ClassLoader NOTHING_ON_CLASSPATH = new URLClassLoader(new URL[0], null);

    private ConfigLoader loader() {
        return loader(NOTHING_ON_CLASSPATH);
    }

    private ConfigLoader loader(ClassLoader cl) {
        return ConfigLoader.of(sys, env, work, cl);
    }

    private MonitorConfig load() {
        return loader().applyTo(MonitorConfig.builder()).build();
    }

    private void write(Path file, String... lines) throws IOException {
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    }

    @Test
    void precedenceIsSystemPropertyThenEnvironmentThenFileThenDefault() throws IOException {
        write(work.resolve("monitordash.properties"), "monitordash.outlier.constant=3");
        env.put("MONITORDASH_OUTLIER_CONSTANT", "4");
        sys.put("monitordash.outlier.constant", "5");

        MonitorConfig c = load();
        assertEquals(5.0, c.outlierConstant());
        assertEquals("system property monitordash.outlier.constant", c.sourceOf(ConfigKey.OUTLIER_CONSTANT));

        sys.clear();
        c = load();
        assertEquals(4.0, c.outlierConstant());
        assertEquals("environment variable MONITORDASH_OUTLIER_CONSTANT", c.sourceOf(ConfigKey.OUTLIER_CONSTANT));

        env.clear();
        c = load();
        assertEquals(3.0, c.outlierConstant());
        assertEquals("file " + work.resolve("monitordash.properties"), c.sourceOf(ConfigKey.OUTLIER_CONSTANT));

        Files.delete(work.resolve("monitordash.properties"));
        c = load();
        assertEquals(2.5, c.outlierConstant());
        assertEquals("default", c.sourceOf(ConfigKey.OUTLIER_CONSTANT));
    }

    @Test
    void codeWinsOverEverySourceWhateverTheCallOrder() {
        sys.put("monitordash.version", "from-sysprop");
        env.put("MONITORDASH_DASHBOARD_PATH", "/from-env");

        MonitorConfig.Builder before = MonitorConfig.builder().appVersion("from-code");
        MonitorConfig c1 = loader().applyTo(before).build();
        assertEquals("from-code", c1.appVersion().orElseThrow());
        assertEquals("/from-env", c1.dashboardPath());

        MonitorConfig c2 = loader().applyTo(MonitorConfig.builder()).dashboardPath("/from-code").build();
        assertEquals("/from-code", c2.dashboardPath());
        assertEquals("from-sysprop", c2.appVersion().orElseThrow());
    }

    @Test
    void aBrokenValueInALowerSourceIsIgnoredWhenAHigherOneIsSet() throws IOException {
        write(work.resolve("monitordash.properties"), "monitordash.queue.capacity=lots");
        env.put("MONITORDASH_QUEUE_CAPACITY", "1024");
        assertEquals(1024, load().queueCapacity());
    }

    @Test
    void mapsEveryKeyToItsEnvironmentVariable() {
        env.put("MONITORDASH_WRITER_BATCH_SIZE", "42");
        env.put("MONITORDASH_PROXIES_TRUSTED", "10.0.0.0/8 ::1");
        env.put("MONITORDASH_ADMIN_PASSWORD", "{noop}pw");
        env.put("MONITORDASH_LEVEL_DEFAULT", "0");
        MonitorConfig c = load();
        assertEquals(42, c.batchSize());
        assertEquals(List.of("10.0.0.0/8", "::1"), c.trustedProxies());
        assertEquals("{noop}pw", c.adminPassword().orElseThrow());
        assertEquals(0, c.defaultLevel());
        assertEquals("MONITORDASH_WRITER_BATCH_SIZE", ConfigKey.WRITER_BATCH_SIZE.env());
        for (ConfigKey k : ConfigKey.values()) {
            assertTrue(k.env().matches("MONITORDASH_[A-Z_]+"), k.env());
            assertEquals(k.property().replace('.', '_').replace('-', '_').toUpperCase(), k.env());
        }
    }

    @Test
    void brokenEnvironmentValueNamesKeyAndVariable() {
        env.put("MONITORDASH_OUTLIER_CONSTANT", "abc");
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertEquals("monitordash.outlier.constant", e.key());
        assertEquals("MonitorDash configuration key 'monitordash.outlier.constant': must be a number > 1, was 'abc'"
                + " (from environment variable MONITORDASH_OUTLIER_CONSTANT)", e.getMessage());
    }

    @Test
    void outOfRangeFileValueNamesTheFileAtBuildTime() throws IOException {
        write(work.resolve("monitordash.properties"), "monitordash.level.default=7");
        ConfigException e = assertThrows(ConfigException.class, this::load);
        assertEquals("monitordash.level.default", e.key());
        assertTrue(e.getMessage().endsWith("was '7' (from file " + work.resolve("monitordash.properties") + ")"),
                e.getMessage());
    }

    @Test
    void explicitFileThatDoesNotExistFailsNamingIt() {
        sys.put("monitordash.config", "conf/missing.properties");
        ConfigException e = assertThrows(ConfigException.class, this::loader);
        assertEquals("monitordash.config", e.key());
        assertTrue(e.getMessage().contains("Property file " + work.resolve("conf/missing.properties") + " was not found"
                + " (named by system property monitordash.config)"), e.getMessage());
    }

    @Test
    void explicitFileFromEnvironmentIsResolvedAgainstTheWorkingDirectory() throws IOException {
        Files.createDirectories(work.resolve("conf"));
        write(work.resolve("conf/prod.properties"), "monitordash.service = billing   ");
        write(work.resolve("monitordash.properties"), "monitordash.service=ignored");
        env.put("MONITORDASH_CONFIG", "conf/prod.properties");
        ConfigLoader loader = loader();
        assertEquals(work.resolve("conf/prod.properties").toString(), loader.configFile().orElseThrow());
        assertEquals("billing", loader.applyTo(MonitorConfig.builder()).build().serviceName());
    }

    @Test
    void systemPropertyNamesTheFileBeforeTheEnvironment() throws IOException {
        write(work.resolve("a.properties"), "monitordash.service=a");
        write(work.resolve("b.properties"), "monitordash.service=b");
        sys.put("monitordash.config", work.resolve("a.properties").toString());
        env.put("MONITORDASH_CONFIG", "b.properties");
        assertEquals("a", load().serviceName());
    }

    @Test
    void readsTheFileOnTheClassPathWhenTheWorkingDirectoryHasNone() throws IOException {
        write(classpathDir.resolve("monitordash.properties"), "monitordash.dashboard.path=/cp");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classpathDir.toUri().toURL()}, null)) {
            ConfigLoader loader = loader(cl);
            assertEquals("/cp", loader.applyTo(MonitorConfig.builder()).build().dashboardPath());
            assertTrue(loader.configFile().orElseThrow().startsWith("classpath:monitordash.properties ("));

            write(work.resolve("monitordash.properties"), "monitordash.dashboard.path=/wd");
            assertEquals("/wd", loader(cl).applyTo(MonitorConfig.builder()).build().dashboardPath());
        }
    }

    @Test
    void explicitClasspathFile() throws IOException {
        write(classpathDir.resolve("staging.properties"), "monitordash.service=staging");
        try (URLClassLoader cl = new URLClassLoader(new URL[] {classpathDir.toUri().toURL()}, null)) {
            sys.put("monitordash.config", "classpath:/staging.properties");
            assertEquals("staging", loader(cl).applyTo(MonitorConfig.builder()).build().serviceName());
            sys.put("monitordash.config", "classpath:absent.properties");
            ConfigException e = assertThrows(ConfigException.class, () -> loader(cl));
            assertTrue(e.getMessage().contains("Property file classpath:absent.properties was not found"),
                    e.getMessage());
        }
    }

    @Test
    void withoutAnyFileOnlyDefaultsApply() {
        ConfigLoader loader = loader();
        assertTrue(loader.configFile().isEmpty());
        MonitorConfig c = loader.applyTo(MonitorConfig.builder()).build();
        assertEquals("/dashboard", c.dashboardPath());
        assertEquals("default", c.sourceOf(ConfigKey.DASHBOARD_PATH));
    }

    @Test
    void unknownKeyInFileFailsWithASuggestion() throws IOException {
        write(work.resolve("monitordash.properties"), "monitordash.dashbaord.path=/x");
        ConfigException e = assertThrows(ConfigException.class, this::loader);
        assertEquals("monitordash.dashbaord.path", e.key());
        assertTrue(e.getMessage().endsWith("did you mean monitordash.dashboard.path?"), e.getMessage());

        write(work.resolve("monitordash.properties"), "database=jdbc:sqlite:x.db");
        e = assertThrows(ConfigException.class, this::loader);
        assertTrue(e.getMessage().endsWith("did you mean monitordash.database?"), e.getMessage());
    }

    @Test
    void unknownSystemPropertiesAndVariablesAreIgnored() {
        sys.put("monitordash.colour", "blue");
        env.put("MONITORDASH_HOME", "/opt/x");
        sys.put("user.name", "someone");
        assertEquals("/dashboard", load().dashboardPath());
    }

    @Test
    void readsUtf8AndFallsBackToLatin1() throws IOException {
        Path file = work.resolve("monitordash.properties");
        Files.writeString(file, "monitordash.service=Zürich\n", StandardCharsets.UTF_8);
        assertEquals("Zürich", load().serviceName());
        Files.writeString(file, "monitordash.service=Zürich\n", StandardCharsets.ISO_8859_1);
        assertEquals("Zürich", load().serviceName());
    }

    @Test
    void malformedEscapeInFileIsAConfigError() throws IOException {
        Files.writeString(work.resolve("monitordash.properties"), "monitordash.service=\\uZZZZ\n");
        ConfigException e = assertThrows(ConfigException.class, this::loader);
        assertEquals("monitordash.config", e.key());
        assertTrue(e.getMessage().contains("could not be read"), e.getMessage());
    }

    @Test
    void loadsEveryKeyFromAFile() throws IOException {
        write(work.resolve("monitordash.properties"),
                "# every key, as in docs/configuration.md",
                "monitordash.database=jdbc:postgresql://db/monitor",
                "monitordash.database.user=mon",
                "monitordash.database.password=dbpw",
                "monitordash.dashboard.path=/ops/dash",
                "monitordash.version=1.4",
                "monitordash.git.dir=/srv/app",
                "monitordash.admin.username=boss",
                "monitordash.admin.password={noop}adminpw",
                "monitordash.guest.username=visitor",
                "monitordash.guest.password=guestpw",
                "monitordash.outlier.constant=3",
                "monitordash.outlier.min-requests=5",
                "monitordash.outlier.min-duration=5ms",
                "monitordash.outlier.percentile=99.5",
                "monitordash.outlier.percentile.window=200",
                "monitordash.outlier.keep=20",
                "monitordash.outlier.mask.headers=X-Api-Key",
                "monitordash.outlier.mask.parameters=pin",
                "monitordash.outlier.max.stack-depth=100",
                "monitordash.outlier.max.dump-stack-depth=20",
                "monitordash.outlier.max.dump-threads=500",
                "monitordash.outlier.max.dump-chars=200000",
                "monitordash.outlier.max.fields=50",
                "monitordash.outlier.max.value-chars=1024",
                "monitordash.profiler.period=10ms",
                "monitordash.profiler.keep=5",
                "monitordash.level.default=2",
                "monitordash.levels.refresh=30s",
                "monitordash.timezone=UTC",
                "monitordash.service=shop",
                "monitordash.instance=shop-1",
                "monitordash.proxies.trusted=10.0.0.0/8",
                "monitordash.endpoints.max=50",
                "monitordash.queue.capacity=4096",
                "monitordash.writer.batch-size=64",
                "monitordash.shutdown.timeout=2s",
                "monitordash.retention.requests=14d",
                "monitordash.retention.rollups=365d",
                "monitordash.dashboard.query-timeout=1m",
                "monitordash.report.min-effect=10",
                "monitordash.report.min-requests=200",
                "monitordash.prometheus.enabled=true",
                "monitordash.prometheus.token=scrape-token-0123456789",
                "monitordash.alerts.period=15s",
                "monitordash.alerts.repeat=1h",
                "monitordash.resources.period=30s",
                "monitordash.retention.resources=12h");
        MonitorConfig c = load();
        for (ConfigKey k : ConfigKey.values()) {
            assertTrue(c.sourceOf(k).startsWith("file "), k.property());
        }
        assertEquals("/ops/dash", c.dashboardPath());
        assertEquals("mon", c.databaseUser().orElseThrow());
        assertEquals(64, c.batchSize());
        assertEquals(99.5, c.outlierPercentile().orElseThrow());
        assertEquals(50, c.outlierMaxFields());
        assertEquals(Duration.ofSeconds(30), c.levelsRefresh());
        assertEquals(Duration.ofMinutes(1), c.dashboardQueryTimeout());
        assertEquals(0.1, c.reportMinEffect(), 1e-12);
        assertEquals(200, c.reportMinRequests());
        assertTrue(c.prometheusEnabled());
        assertEquals("scrape-token-0123456789", c.prometheusToken().orElseThrow());
    }

    @Test
    void theJUnitExtensionsSettingsAreNotReportedAsUnknownKeysButTyposAre() {
        sys.put("monitordash.tests.url", "https://ci.example.com/dashboard");
        sys.put("monitordash.databse", "jdbc:sqlite:x.db");
        env.put("MONITORDASH_TESTS_TOKEN", "mdt_x");
        env.put("MONITORDASH_VERISON", "1");
        ConfigLoader loader = loader();
        assertEquals(List.of("monitordash.databse"), loader.unknownSystemProperties());
        assertEquals(List.of("MONITORDASH_VERISON"), loader.unknownEnvironmentVariables());
    }
}
