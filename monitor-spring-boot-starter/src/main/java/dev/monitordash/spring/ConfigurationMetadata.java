package dev.monitordash.spring;

import dev.monitordash.core.config.ConfigKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@code META-INF/spring-configuration-metadata.json}, with which IDEs complete and document the
 * {@code monitordash.*} properties, from {@link ConfigKey} (run by the build, see this module's pom), so
 * that the metadata lists exactly the keys the core accepts, with their documented defaults and values.
 * The starter's own keys are added here.
 */
public final class ConfigurationMetadata {

    /** The starter's keys, which only a Spring Boot application reads: name, type, default, description. */
    static final List<String[]> STARTER_KEYS = List.of(
            new String[] {"monitordash.enabled", "java.lang.Boolean", "true",
                    "Whether the starter registers MonitorDash at all; false registers nothing."},
            new String[] {"monitordash.security.dashboard-chain", "java.lang.Boolean", "true",
                    "With Spring Security: whether the starter adds a security filter chain that lets the"
                            + " dashboard's requests through (it has its own login, roles and CSRF protection)."},
            new String[] {"monitordash.config", "java.lang.String", null,
                    "A monitordash.properties file to read besides Spring's properties, which win over it."});

    private ConfigurationMetadata() {
    }

    /** Writes the metadata to the file named by the first argument. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json(), StandardCharsets.UTF_8);
    }

    static String json() {
        List<String> properties = new ArrayList<>();
        for (ConfigKey key : ConfigKey.values()) {
            properties.add(property(key.property(), "java.lang.String",
                    key.defaultValue().orElse(null),
                    key.description() + " Accepts " + key.expects() + "; default: " + key.shownDefault() + "."));
        }
        for (String[] key : STARTER_KEYS) {
            properties.add(property(key[0], key[1], key[2], key[3]));
        }
        return "{\n  \"groups\": [\n    {\"name\": \"monitordash\", \"description\": \"MonitorDash, the in-app"
                + " performance monitor (docs/configuration.md, docs/spring-boot.md).\"}\n  ],\n  \"properties\": [\n"
                + String.join(",\n", properties) + "\n  ],\n  \"hints\": [\n    {\"name\": \""
                + ConfigKey.DATABASE.property() + "\", \"values\": [{\"value\": \"" + SpringConfigSource.SPRING_DATASOURCE
                + "\", \"description\": \"The application's spring.datasource.url, username and password.\"}]}\n  ]\n}\n";
    }

    private static String property(String name, String type, String defaultValue, String description) {
        StringBuilder sb = new StringBuilder("    {\"name\": ").append(quote(name))
                .append(", \"type\": ").append(quote(type))
                .append(", \"description\": ").append(quote(description));
        if (defaultValue != null) {
            sb.append(", \"defaultValue\": ").append(type.equals("java.lang.Boolean") ? defaultValue : quote(defaultValue));
        }
        return sb.append('}').toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }
}
