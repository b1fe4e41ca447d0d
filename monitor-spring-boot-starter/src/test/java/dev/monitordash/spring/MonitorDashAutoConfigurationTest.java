package dev.monitordash.spring;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.ConfigException;
import dev.monitordash.core.config.MonitorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.web.SecurityFilterChain;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the auto-configuration registers, and when it backs off, without starting a web server. */
class MonitorDashAutoConfigurationTest {

    @TempDir
    Path dir;

    WebApplicationContextRunner runner() {
        return new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(securityAutoConfiguration()))
                .withConfiguration(AutoConfigurations.of(MonitorDashAutoConfiguration.class))
                .withPropertyValues("monitordash.database=jdbc:sqlite:" + dir.resolve("monitor.db"));
    }

    /** Spring Boot's security auto-configuration: one class in Boot 3, two (moved) in Boot 4. */
    static Class<?>[] securityAutoConfiguration() {
        List<Class<?>> found = new java.util.ArrayList<>();
        for (String name : List.of("org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
                "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")) {
            try {
                found.add(Class.forName(name));
            } catch (ClassNotFoundException e) {
                // a name of the other Spring Boot version
            }
        }
        if (found.isEmpty()) {
            throw new AssertionError("no Spring Boot security auto-configuration on the class path");
        }
        return found.toArray(Class<?>[]::new);
    }

    @Test
    void registersTheMonitorTheBindingAndTheDashboardsSecurityChain() {
        runner().run(context -> {
            assertThat(context).hasSingleBean(Monitor.class).hasSingleBean(DashboardRegistration.class)
                    .hasBean("monitordashDashboardSecurityFilterChain");
            // Spring Boot's default chain did not back off because of the dashboard's.
            assertThat(context.getBeansOfType(SecurityFilterChain.class)).hasSize(2);
        });
    }

    @Test
    void monitordashEnabledFalseRegistersNothing() {
        runner().withPropertyValues("monitordash.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(Monitor.class)
                    .doesNotHaveBean(DashboardRegistration.class)
                    .doesNotHaveBean("monitordashDashboardSecurityFilterChain")
                    .doesNotHaveBean("monitordashUserCapture");
        });
    }

    @Test
    void theDashboardsSecurityChainCanBeSwitchedOff() {
        runner().withPropertyValues("monitordash.security.dashboard-chain=false").run(context -> {
            assertThat(context).hasSingleBean(Monitor.class).doesNotHaveBean("monitordashDashboardSecurityFilterChain");
        });
    }

    @Test
    void aMonitorBeanOfTheApplicationReplacesTheConfiguredOne() {
        runner().withBean("ownMonitor", Monitor.class, () -> Monitor.start(MonitorConfig.builder()
                        .databaseUrl("jdbc:sqlite:" + dir.resolve("own.db")).serviceName("own").build()))
                .run(context -> {
                    assertThat(context).hasSingleBean(Monitor.class).hasBean("ownMonitor");
                    assertThat(context.getBean(Monitor.class).config().serviceName()).isEqualTo("own");
                });
    }

    @Test
    void aWrongValueFailsStartupNamingTheKeyAndWhereItWasSet() {
        runner().withPropertyValues("monitordash.outlier.min-requests=many").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigException.class)
                    .hasMessageContaining("'monitordash.outlier.min-requests': must be an integer from 1 to 1000000,"
                            + " was 'many'")
                    .hasMessageContaining("Spring property monitordash.outlier.min-requests");
        });
    }

    @Test
    void aValueOutOfRangeFailsStartupNamingTheKey() {
        runner().withPropertyValues("monitordash.level.default=7").run(context ->
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigException.class)
                        .hasMessageContaining("monitordash.level.default"));
    }

    @Test
    void readsRelaxedNamesListsAndTheContextPath() {
        runner().withPropertyValues("monitordash.outlier.minRequests=42", "monitordash.writer.batchSize=500",
                        "monitordash.proxies.trusted[0]=10.0.0.0/8", "monitordash.proxies.trusted[1]=::1",
                        "server.servlet.context-path=/shop")
                .run(context -> {
                    MonitorConfig config = context.getBean(Monitor.class).config();
                    assertThat(config.outlierMinRequests()).isEqualTo(42);
                    assertThat(config.batchSize()).isEqualTo(500);
                    assertThat(config.trustedProxies()).isEqualTo(List.of("10.0.0.0/8", "::1"));
                    assertThat(config.serviceName()).isEqualTo("shop");
                    assertThat(config.sourceOf(dev.monitordash.core.config.ConfigKey.OUTLIER_MIN_REQUESTS))
                            .contains("monitordash.outlier.minRequests"); // as the user wrote it
                });
    }

    @Test
    void databaseSpringTakesTheApplicationsDataSourceSettings() {
        String url = "jdbc:sqlite:" + dir.resolve("app.db");
        runner().withPropertyValues("monitordash.database=spring", "spring.datasource.url=" + url,
                        "spring.datasource.username=app")
                .run(context -> {
                    MonitorConfig config = context.getBean(Monitor.class).config();
                    assertThat(config.databaseUrl()).isEqualTo(url);
                    assertThat(config.databaseUser()).contains("app");
                });
    }

    @Test
    void databaseSpringWithoutADataSourceUrlFailsStartupNamingTheKey() {
        runner().withPropertyValues("monitordash.database=spring").run(context ->
                assertThat(context.getStartupFailure()).rootCause().isInstanceOf(ConfigException.class)
                        .hasMessageContaining("'monitordash.database'")
                        .hasMessageContaining("spring.datasource.url is not set"));
    }

    @Test
    void withoutTheSettingTheDatabaseIsMonitorDashsOwnDefaultNeverTheApplications() {
        new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(MonitorDashAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=jdbc:sqlite:" + dir.resolve("app.db"),
                        "monitordash.enabled=true")
                .withPropertyValues("monitordash.service=svc")
                .run(context -> {
                    // Not started: only the configuration is read, so no file appears in the working directory.
                    assertThat(SpringConfigSource.read(context.getEnvironment(), getClass().getClassLoader())
                            .databaseUrl()).isEqualTo("jdbc:sqlite:monitordash.db");
                });
    }
}
