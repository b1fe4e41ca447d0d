package dev.monitordash.ui.assets;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartJsWebjarTest {

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void versionComesFromTheWebjarsPomProperties() {
        String version = ChartJsWebjar.version(loader);
        assertTrue(version.matches("\\d+\\.\\d+\\.\\d+"), version);
        assertEquals("META-INF/resources/webjars/chart.js/" + version + "/dist/chart.umd.js",
                ChartJsWebjar.distResource(loader, "chart.umd.js"));
    }

    @Test
    void theUmdBuildIsOnTheClasspath() throws IOException {
        try (InputStream in = loader.getResourceAsStream(ChartJsWebjar.distResource(loader, "chart.umd.js"))) {
            assertNotNull(in);
        }
    }

    @Test
    void aMissingWebjarFailsWithAClearMessage() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Assets(empty));
            assertTrue(e.getMessage().contains("org.webjars.npm:chart.js"), e.getMessage());
        }
    }
}
