package dev.monitordash.spring;

import dev.monitordash.core.config.ConfigException;
import dev.monitordash.core.config.ConfigKey;
import dev.monitordash.core.config.ConfigLoader;
import dev.monitordash.core.config.MonitorConfig;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.core.env.Environment;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The monitor's configuration in a Spring Boot application: every {@link ConfigKey} read from Spring's
 * {@link Environment} with relaxed binding ({@code monitordash.outlier.min-requests},
 * {@code monitordash.outlier.minRequests}, {@code MONITORDASH_OUTLIER_MIN_REQUESTS}, YAML), over a
 * {@code monitordash.properties} file if there is one, over the defaults. Values are bound as text and
 * handed to the core's own parsing and validation, so a wrong value fails startup with the core's message,
 * naming the {@code monitordash.*} key and, from Spring's origin tracking, the file and line it came from.
 */
final class SpringConfigSource {

    /** The value of {@code monitordash.database} that takes the store from {@code spring.datasource.*}. */
    static final String SPRING_DATASOURCE = "spring";

    private final Environment environment;
    private final Binder binder;

    private SpringConfigSource(Environment environment) {
        this.environment = environment;
        this.binder = Binder.get(environment);
    }

    /**
     * The validated configuration.
     *
     * @param classLoader where to look for a {@code monitordash.properties} on the class path
     * @throws ConfigException naming the key of a wrong value
     */
    static MonitorConfig read(Environment environment, ClassLoader classLoader) {
        return new SpringConfigSource(environment).builder(classLoader).build();
    }

    MonitorConfig.Builder builder(ClassLoader classLoader) {
        MonitorConfig.Builder builder = MonitorConfig.builder();
        // Only the file: system properties and environment variables are in Spring's Environment already,
        // with Spring's precedence over application.properties, and are read below.
        String file = environment.getProperty(ConfigLoader.CONFIG_PROPERTY);
        Map<String, String> naming = file == null ? Map.of() : Map.of(ConfigLoader.CONFIG_PROPERTY, file);
        ConfigLoader.of(naming, Map.of(), Path.of(System.getProperty("user.dir")), classLoader).applyTo(builder);
        for (ConfigKey key : ConfigKey.values()) {
            Found found = find(key.property());
            if (found == null) {
                continue;
            }
            if (key == ConfigKey.DATABASE && found.value().equalsIgnoreCase(SPRING_DATASOURCE)) {
                useSpringDataSource(builder, found);
            } else {
                builder.set(key, found.value(), found.source());
            }
        }
        return builder.applicationDefaults(environment.getProperty("server.servlet.context-path", ""));
    }

    /**
     * {@code monitordash.database=spring}: the application's {@code spring.datasource.url}, user and password
     * (MonitorDash still opens its own small pool on it, so recording never takes the application's
     * connections). {@code monitordash.database.user} and {@code .password}, when set, win.
     */
    private void useSpringDataSource(MonitorConfig.Builder builder, Found asked) {
        Found url = find("spring.datasource.url");
        if (url == null || url.value().isEmpty()) {
            throw new ConfigException(ConfigKey.DATABASE.property(), "is '" + SPRING_DATASOURCE + "' (" + asked.source()
                    + "), which takes the store from spring.datasource.url, but spring.datasource.url is not set;"
                    + " set it, or set " + ConfigKey.DATABASE.property() + " to a JDBC URL");
        }
        String because = " (" + ConfigKey.DATABASE.property() + "=" + SPRING_DATASOURCE + ")";
        builder.set(ConfigKey.DATABASE, url.value(), url.source() + because);
        springDefault(builder, ConfigKey.DATABASE_USER, "spring.datasource.username", because);
        springDefault(builder, ConfigKey.DATABASE_PASSWORD, "spring.datasource.password", because);
    }

    private void springDefault(MonitorConfig.Builder builder, ConfigKey key, String springProperty, String because) {
        Found own = find(key.property());
        Found spring = find(springProperty);
        if (own == null && spring != null) {
            builder.set(key, spring.value(), spring.source() + because);
        }
    }

    /** The text of a property, from a plain value or, for a YAML list, its elements joined by commas. */
    private Found find(String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        Origin origin = new Origin();
        String text = binder.bind(name, Bindable.of(String.class), origin).orElse(null);
        if (text == null) {
            List<String> items = binder.bind(name, Bindable.listOf(String.class), origin).orElse(null);
            text = items == null ? null : String.join(",", items);
        }
        // Trailing blanks in .properties files are invisible: dropped, as the core's loader does.
        return text == null ? null : new Found(text.strip(), origin.describe(property));
    }

    private record Found(String value, String source) {
    }

    /** Remembers which property source answered, for messages and the startup summary. */
    private static final class Origin extends AbstractBindHandler {
        private ConfigurationProperty property;

        @Override
        public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                Object result) {
            if (property == null && context.getConfigurationProperty() != null) {
                property = context.getConfigurationProperty();
            }
            return result;
        }

        String describe(String key) {
            String where = null;
            if (property != null && property.getOrigin() != null) {
                where = property.getOrigin().toString();
            } else if (property != null && property.getSource() != null
                    && property.getSource().getUnderlyingSource() != null) {
                where = String.valueOf(property.getSource().getUnderlyingSource());
            }
            String spelled = property == null ? key : property.getName().toString();
            return "Spring property " + spelled + (where == null ? "" : " (" + where + ")");
        }
    }
}
