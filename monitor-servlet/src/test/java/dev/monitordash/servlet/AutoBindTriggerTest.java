package dev.monitordash.servlet;

import dev.monitordash.core.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AutoBindTriggerTest {

    @TempDir
    Path workingDirectory;
    @TempDir
    Path classpathDirectory;

    AutoBindTrigger trigger(Map<String, String> systemProperties, Map<String, String> environment,
            ClassLoader loader) {
        return new AutoBindTrigger(systemProperties::get, environment::get, workingDirectory, loader);
    }

    @Test
    void doesNotBindWithoutConfigFileOrSwitch() {
        assertFalse(trigger(Map.of(), Map.of(), null).decide().bind());
    }

    @Test
    void bindsWhenTheSystemPropertyAsks() {
        assertTrue(trigger(Map.of("monitordash.auto", "true"), Map.of(), null).decide().bind());
    }

    @Test
    void bindsWhenTheEnvironmentAsks() {
        assertTrue(trigger(Map.of(), Map.of("MONITORDASH_AUTO", "TRUE"), null).decide().bind());
    }

    @Test
    void systemPropertyWinsOverEnvironment() {
        assertFalse(trigger(Map.of("monitordash.auto", "false"), Map.of("MONITORDASH_AUTO", "true"), null)
                .decide().bind());
    }

    @Test
    void bindsWhenAConfigFileIsInTheWorkingDirectory() throws IOException {
        Files.writeString(workingDirectory.resolve("monitordash.properties"), "monitordash.version=1\n");
        AutoBindTrigger.Decision decision = trigger(Map.of(), Map.of(), null).decide();
        assertTrue(decision.bind());
        assertTrue(decision.reason().contains("monitordash.properties"), decision.reason());
    }

    @Test
    void bindsWhenAConfigFileIsOnTheApplicationClasspath() throws IOException {
        Files.writeString(classpathDirectory.resolve("monitordash.properties"), "monitordash.version=1\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classpathDirectory.toUri().toURL()}, null)) {
            assertTrue(trigger(Map.of(), Map.of(), loader).decide().bind());
        }
    }

    @Test
    void bindsWhenAConfigFileIsNamed() {
        assertTrue(trigger(Map.of(), Map.of("MONITORDASH_CONFIG", "/etc/app/monitor.properties"), null)
                .decide().bind());
    }

    @Test
    void switchedOffNeverBindsEvenWithAConfigFile() throws IOException {
        Files.writeString(workingDirectory.resolve("monitordash.properties"), "");
        assertFalse(trigger(Map.of("monitordash.auto", "false"), Map.of(), null).decide().bind());
    }

    @Test
    void rejectsAnythingButTrueOrFalseNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> trigger(Map.of("monitordash.auto", "yes"), Map.of(), null).decide());
        assertEquals("monitordash.auto", e.key());
        assertTrue(e.getMessage().contains("'yes'"), e.getMessage());
    }
}
