package dev.monitordash.core.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads configuration from a properties file, environment variables and system properties onto a
 * {@link MonitorConfig.Builder}. Precedence, highest first: code (values set on the builder) &gt; system
 * property &gt; environment variable &gt; properties file &gt; default. Typical use:
 * <pre>{@code MonitorConfig config = ConfigLoader.fromEnvironment().applyTo(MonitorConfig.builder()).build();}</pre>
 *
 * <p>The file is the one named by system property {@code monitordash.config} or environment variable
 * {@code MONITORDASH_CONFIG} (a path, relative to the working directory, or {@code classpath:name}); it
 * must exist. Without either, {@code monitordash.properties} in the working directory is used if present,
 * else {@code monitordash.properties} on the class path if present, else no file.
 */
public final class ConfigLoader {

    public static final String CONFIG_PROPERTY = "monitordash.config";
    public static final String CONFIG_ENV = ConfigKey.toEnvironmentName(CONFIG_PROPERTY);
    public static final String DEFAULT_FILE = "monitordash.properties";
    private static final String CLASSPATH_PREFIX = "classpath:";
    private static final String PREFIX = "monitordash.";
    private static final String ENV_PREFIX = "MONITORDASH_";
    /** The JUnit extension's settings (monitor-junit, docs/testing.md): set in test JVMs, not ours to judge. */
    private static final String TESTS_PREFIX = "monitordash.tests.";
    private static final String TESTS_ENV_PREFIX = "MONITORDASH_TESTS_";

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final Map<String, String> fileValues;
    private final String file;

    private ConfigLoader(Map<String, String> systemProperties, Map<String, String> environment,
            Path workingDir, ClassLoader classLoader) {
        this.systemProperties = Map.copyOf(systemProperties);
        this.environment = Map.copyOf(environment);
        Map<String, String> values = new HashMap<>();
        this.file = locateAndRead(workingDir, classLoader, values);
        this.fileValues = Map.copyOf(values);
    }

    /**
     * This JVM's system properties and environment, its working directory and context class loader. The
     * file is read now.
     *
     * @throws ConfigException when a named file does not exist, cannot be read or holds an unknown key
     */
    public static ConfigLoader fromEnvironment() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return fromEnvironment(cl != null ? cl : ConfigLoader.class.getClassLoader());
    }

    /** As {@link #fromEnvironment()}, looking for a class-path file in the given loader (e.g. the web app's). */
    public static ConfigLoader fromEnvironment(ClassLoader classLoader) {
        Map<String, String> props = new HashMap<>();
        Properties sys = System.getProperties();
        for (String name : sys.stringPropertyNames()) {
            props.put(name, sys.getProperty(name));
        }
        return of(props, System.getenv(), Path.of(System.getProperty("user.dir")), classLoader);
    }

    /**
     * A loader over explicit sources (tests, embedding).
     *
     * @throws ConfigException when a named file does not exist, cannot be read or holds an unknown key
     */
    public static ConfigLoader of(Map<String, String> systemProperties, Map<String, String> environment,
            Path workingDir, ClassLoader classLoader) {
        return new ConfigLoader(systemProperties, environment, workingDir, classLoader);
    }

    /** Shorthand for {@code fromEnvironment().applyTo(MonitorConfig.builder()).build()}. */
    public static MonitorConfig load() {
        return fromEnvironment().applyTo(MonitorConfig.builder()).build();
    }

    /** The properties file that was read (a path or {@code classpath:} URL), empty when there was none. */
    public Optional<String> configFile() {
        return Optional.ofNullable(file);
    }

    /**
     * Sets every key found in a source on the builder, except keys the builder already got in code.
     *
     * @throws ConfigException for a value that does not parse, naming the key and where the value came from
     */
    public MonitorConfig.Builder applyTo(MonitorConfig.Builder builder) {
        warnAboutUnknownKeys();
        for (ConfigKey key : ConfigKey.values()) {
            if (builder.isSetInCode(key)) {
                continue;
            }
            String value;
            String source;
            if (systemProperties.containsKey(key.property())) {
                value = systemProperties.get(key.property());
                source = "system property " + key.property();
            } else if (environment.containsKey(key.env())) {
                value = environment.get(key.env());
                source = "environment variable " + key.env();
            } else if (fileValues.containsKey(key.property())) {
                value = fileValues.get(key.property());
                source = "file " + file;
            } else {
                continue;
            }
            // Trailing blanks in properties files are invisible and kept by Properties.load: drop them.
            builder.set(key, value.strip(), source);
        }
        return builder;
    }

    private void warnAboutUnknownKeys() {
        for (String name : unknownSystemProperties()) {
            LOG.warn("Ignoring system property {}: not a MonitorDash configuration key{}", name, suggestion(name));
        }
        for (String name : unknownEnvironmentVariables()) {
            LOG.warn("Ignoring environment variable {}: not a MonitorDash configuration key", name);
        }
    }

    /** System properties named like our keys that are none, sorted; the JUnit extension's are not ours. */
    java.util.List<String> unknownSystemProperties() {
        return systemProperties.keySet().stream().filter(name -> name.startsWith(PREFIX)
                && !name.startsWith(TESTS_PREFIX) && !name.equals(CONFIG_PROPERTY)
                && ConfigKey.ofProperty(name).isEmpty()).sorted().toList();
    }

    /** As {@link #unknownSystemProperties()}, for environment variables. */
    java.util.List<String> unknownEnvironmentVariables() {
        return environment.keySet().stream().filter(name -> name.startsWith(ENV_PREFIX)
                && !name.startsWith(TESTS_ENV_PREFIX) && !name.equals(CONFIG_ENV) && ofEnv(name).isEmpty())
                .sorted().toList();
    }

    private static Optional<ConfigKey> ofEnv(String name) {
        for (ConfigKey k : ConfigKey.values()) {
            if (k.env().equals(name)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Finds the file, reads it into {@code values}, returns its description or null when there is none. */
    private String locateAndRead(Path workingDir, ClassLoader classLoader, Map<String, String> values) {
        String named = systemProperties.get(CONFIG_PROPERTY);
        String namedBy = "system property " + CONFIG_PROPERTY;
        if (named == null || named.isBlank()) {
            named = environment.get(CONFIG_ENV);
            namedBy = "environment variable " + CONFIG_ENV;
        }
        if (named != null && !named.isBlank()) {
            named = named.strip();
            if (named.startsWith(CLASSPATH_PREFIX)) {
                String resource = stripLeadingSlash(named.substring(CLASSPATH_PREFIX.length()));
                URL url = classLoader == null ? null : classLoader.getResource(resource);
                if (url == null) {
                    throw notFound(named, namedBy);
                }
                return read(url, CLASSPATH_PREFIX + resource + " (" + url + ")", values);
            }
            Path path = workingDir.resolve(named).toAbsolutePath().normalize();
            if (!Files.isRegularFile(path)) {
                throw notFound(path.toString(), namedBy);
            }
            return read(path, values);
        }
        Path local = workingDir.resolve(DEFAULT_FILE).toAbsolutePath().normalize();
        if (Files.isRegularFile(local)) {
            return read(local, values);
        }
        URL url = classLoader == null ? null : classLoader.getResource(DEFAULT_FILE);
        return url == null ? null : read(url, CLASSPATH_PREFIX + DEFAULT_FILE + " (" + url + ")", values);
    }

    private static ConfigException notFound(String file, String namedBy) {
        return new ConfigException(CONFIG_PROPERTY, "Property file " + file + " was not found (named by "
                + namedBy + ")");
    }

    private String read(Path path, Map<String, String> values) {
        try (InputStream in = Files.newInputStream(path)) {
            return parse(in, path.toString(), values);
        } catch (IOException e) {
            throw unreadable(path.toString(), e);
        }
    }

    private String read(URL url, String description, Map<String, String> values) {
        try (InputStream in = url.openStream()) {
            return parse(in, description, values);
        } catch (IOException e) {
            throw unreadable(description, e);
        }
    }

    private static ConfigException unreadable(String file, Exception e) {
        return new ConfigException(CONFIG_PROPERTY, "Property file " + file + " could not be read: " + e);
    }

    private String parse(InputStream in, String description, Map<String, String> values) throws IOException {
        Properties props = new Properties();
        try {
            props.load(new StringReader(decode(in.readAllBytes())));
        } catch (IllegalArgumentException e) { // a malformed \\uXXXX escape
            throw unreadable(description, e);
        }
        for (String name : props.stringPropertyNames()) {
            if (ConfigKey.ofProperty(name).isEmpty()) {
                throw new ConfigException(name, "unknown key in file " + description + suggestion(name));
            }
            values.put(name, props.getProperty(name));
        }
        LOG.debug("MonitorDash read {} keys from {}", values.size(), description);
        return description;
    }

    /** UTF-8, falling back to ISO-8859-1 (the historical .properties encoding), as ResourceBundle does. */
    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static String stripLeadingSlash(String s) {
        return s.startsWith("/") ? s.substring(1) : s;
    }

    /** "; did you mean monitordash.x?" for a near miss (a typo, or a key written without its prefix). */
    static String suggestion(String name) {
        ConfigKey best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (ConfigKey k : ConfigKey.values()) {
            int d = Math.min(distance(name, k.property()), distance(PREFIX + name, k.property()));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= 3 ? "; did you mean " + best.property() + "?" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
