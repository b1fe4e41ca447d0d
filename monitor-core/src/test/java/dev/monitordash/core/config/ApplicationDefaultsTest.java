package dev.monitordash.core.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApplicationDefaultsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''            | jdbc:sqlite:monitordash.db          | app",
            "/             | jdbc:sqlite:monitordash.db          | app",
            "/shop         | jdbc:sqlite:monitordash-shop.db     | shop",
            "/shop/v2      | jdbc:sqlite:monitordash-shop-v2.db  | shop-v2",
            "'/My Shop%25' | jdbc:sqlite:monitordash-my_shop_25.db | my_shop_25",
            "/../etc       | jdbc:sqlite:monitordash-..-etc.db   | ..-etc",
    })
    void eachWebApplicationGetsItsOwnFileAndServiceFromItsContextPath(String contextPath, String database,
            String service) {
        MonitorConfig c = MonitorConfig.builder().applicationDefaults(contextPath).build();
        assertEquals(database, c.databaseUrl());
        assertEquals(service, c.serviceName());
    }

    @Test
    void theFileNameNeverLeavesTheWorkingDirectory() {
        // A context path is not a file path: no separator survives, so ".." is only part of a name.
        String url = ApplicationDefaults.databaseUrl("/../etc/passwd");
        Path file = Path.of(url.substring("jdbc:sqlite:".length()));
        assertEquals(1, file.getNameCount(), url);
    }

    @Test
    void aConfiguredDatabaseOrServiceIsNeverChanged(@org.junit.jupiter.api.io.TempDir Path work) {
        MonitorConfig inCode = MonitorConfig.builder().databaseUrl("jdbc:sqlite:monitordash.db").serviceName("app")
                .applicationDefaults("/shop").build();
        assertEquals("jdbc:sqlite:monitordash.db", inCode.databaseUrl());
        assertEquals("app", inCode.serviceName());

        MonitorConfig fromProperty = ConfigLoader.of(Map.of("monitordash.database", "jdbc:sqlite:/data/all.db"),
                Map.of("MONITORDASH_SERVICE", "billing"), work, null)
                .applyTo(MonitorConfig.builder()).applicationDefaults("/shop").build();
        assertEquals("jdbc:sqlite:/data/all.db", fromProperty.databaseUrl());
        assertEquals("billing", fromProperty.serviceName());
        assertEquals("default", MonitorConfig.builder().applicationDefaults("/shop").build()
                .sourceOf(ConfigKey.DATABASE), "still a default, only a per-application one");
    }
}
