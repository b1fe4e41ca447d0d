package dev.monitordash.core.metrics;

import dev.monitordash.core.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusLibraryTest {

    @Test
    void enablingWithoutTheJarsFailsNamingTheKeyAndEveryMissingArtifact() throws Exception {
        // A loader that sees the JDK only: an application that depends on MonitorDash and nothing else.
        try (URLClassLoader withoutLibrary = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            ConfigException e = assertThrows(ConfigException.class, () -> PrometheusLibrary.require(withoutLibrary));
            assertEquals("monitordash.prometheus.enabled", e.key());
            for (String artifact : new String[] {"io.prometheus:prometheus-metrics-core:1.10.0",
                    "io.prometheus:prometheus-metrics-exposition-textformats:1.10.0",
                    "io.prometheus:prometheus-metrics-instrumentation-jvm:1.10.0"}) {
                assertTrue(e.getMessage().contains(artifact), e.getMessage());
            }
            assertTrue(e.getMessage().contains("monitordash.prometheus.enabled=false"), e.getMessage());
        }
    }

    @Test
    void passesWhereTheLibraryIsOnTheClassPath() {
        assertDoesNotThrow(() -> PrometheusLibrary.require(PrometheusLibrary.class.getClassLoader()));
    }
}
