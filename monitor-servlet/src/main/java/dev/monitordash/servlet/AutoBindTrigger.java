package dev.monitordash.servlet;

import dev.monitordash.core.config.ConfigException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Decides whether zero-line mode binds MonitorDash to an application that did not ask in code:
 * {@code monitordash.auto} (system property, else environment {@code MONITORDASH_AUTO}) {@code true}
 * always binds and {@code false} never does; unset, a configuration file binds when present: the file
 * named by {@code monitordash.config} / {@code MONITORDASH_CONFIG}, else {@code monitordash.properties}
 * in the working directory or on the application's classpath.
 */
final class AutoBindTrigger {

    static final String AUTO_PROPERTY = "monitordash.auto";
    static final String CONFIG_PROPERTY = "monitordash.config";
    static final String CONFIG_FILE = "monitordash.properties";

    /** Whether to bind, and why (for the log). */
    record Decision(boolean bind, String reason) {
    }

    private final UnaryOperator<String> systemProperties;
    private final UnaryOperator<String> environment;
    private final Path workingDirectory;
    private final ClassLoader classLoader;

    AutoBindTrigger(UnaryOperator<String> systemProperties, UnaryOperator<String> environment,
            Path workingDirectory, ClassLoader classLoader) {
        this.systemProperties = systemProperties;
        this.environment = environment;
        this.workingDirectory = workingDirectory;
        this.classLoader = classLoader;
    }

    /** The trigger of this JVM, looking on the given (the application's) class loader. */
    static AutoBindTrigger of(ClassLoader applicationClassLoader) {
        return new AutoBindTrigger(System::getProperty, System::getenv, Path.of(""), applicationClassLoader);
    }

    /** @throws ConfigException when {@code monitordash.auto} is neither true nor false */
    Decision decide() {
        String auto = lookup(AUTO_PROPERTY);
        if (auto != null && !auto.isBlank()) {
            switch (auto.trim().toLowerCase(Locale.ROOT)) {
                case "true":
                    return new Decision(true, AUTO_PROPERTY + "=true");
                case "false":
                    return new Decision(false, AUTO_PROPERTY + "=false");
                default:
                    throw new ConfigException(AUTO_PROPERTY, "must be true or false, was '" + auto + "'");
            }
        }
        String configured = lookup(CONFIG_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            // An explicitly named file is a request to monitor; loading it reports a missing file.
            return new Decision(true, CONFIG_PROPERTY + "=" + configured);
        }
        Path inWorkingDirectory = workingDirectory.resolve(CONFIG_FILE);
        if (Files.isRegularFile(inWorkingDirectory)) {
            return new Decision(true, "found " + inWorkingDirectory.toAbsolutePath());
        }
        if (classLoader != null && classLoader.getResource(CONFIG_FILE) != null) {
            return new Decision(true, "found " + CONFIG_FILE + " on the classpath");
        }
        return new Decision(false, "no " + CONFIG_FILE + " and " + AUTO_PROPERTY + " not set");
    }

    private String lookup(String property) {
        String value = systemProperties.apply(property);
        return value != null ? value : environment.apply(property.toUpperCase(Locale.ROOT).replace('.', '_'));
    }
}
