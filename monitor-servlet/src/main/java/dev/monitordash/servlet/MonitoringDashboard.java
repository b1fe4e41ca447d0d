package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.ConfigLoader;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.servlet.endpoint.EndpointResolver;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one line: {@code MonitoringDashboard.bind(servletContext)} registers the monitoring filter for every
 * request, mounts the dashboard at {@code <dashboard path>/*} (default {@code /dashboard}), starts the
 * monitor, and closes it (flushing recorded requests) when the context stops. Options go through
 * {@link #configure()}, which starts from the loaded configuration (properties file, system properties,
 * environment) and lets code override it:
 *
 * <pre>{@code
 * MonitoringDashboard.configure()
 *         .version("2.1")
 *         .groupBy(request -> request.getHeader("X-User"))
 *         .database("jdbc:postgresql://db/monitor")
 *         .bind(servletContext);
 * }</pre>
 *
 * <p>Bind while the context is being set up, once:
 * <ul>
 *   <li>WAR: from a listener declared in web.xml or annotated with {@code @WebListener} (a listener added
 *       with {@code ServletContext.addListener} may not register filters), or with no code at all: with a
 *       {@code monitordash.properties} file or {@code -Dmonitordash.auto=true} the bundled
 *       {@link MonitorDashInitializer} binds; a declared listener's own {@code bind} still wins.</li>
 *   <li>Jetty 12 (ee10), embedded: before {@code server.start()}:
 *       {@code MonitoringDashboard.bind(contextHandler.getServletContext())}, or from a listener added with
 *       {@code contextHandler.addEventListener(...)}.</li>
 *   <li>Tomcat 10.1, embedded: Tomcat refuses filters before start, so through an initializer:
 *       {@code context.addServletContainerInitializer((classes, ctx) -> MonitoringDashboard.bind(ctx), null)},
 *       or from a listener class declared with {@code context.addApplicationListener(className)}.</li>
 * </ul>
 * The bound {@link Monitor} is the context attribute {@link #MONITOR_ATTRIBUTE}, see {@link #monitor}.
 */
public final class MonitoringDashboard {

    /** ServletContext attribute holding the bound {@link Monitor}. */
    public static final String MONITOR_ATTRIBUTE = Monitor.class.getName();
    /** Name of the monitoring filter registration. */
    public static final String FILTER_NAME = "monitordash";
    /** Name of the dashboard servlet registration. */
    public static final String DASHBOARD_SERVLET_NAME = "monitordash-dashboard";

    private MonitoringDashboard() {
    }

    /**
     * Binds with the loaded configuration.
     *
     * @throws dev.monitordash.core.config.ConfigException naming the key of a wrong configuration value
     * @throws IllegalStateException if already bound, or if the context no longer accepts filters
     */
    public static Monitor bind(ServletContext context) {
        return configure().bind(context);
    }

    /** Options for {@link Builder#bind}, starting from the loaded configuration. */
    public static Builder configure() {
        return new Builder(loadBaseConfig());
    }

    /**
     * Options for binding a monitor started elsewhere (e.g. a bean of a dependency-injection container),
     * instead of starting one: its own configuration applies, nothing is loaded, and of the options only
     * {@link Builder#groupBy} and {@link Builder#endpointResolver} are used. Whoever started it closes it:
     * the binding leaves it open when the context stops (Spring's application context closes its bean
     * after the web server stopped).
     */
    public static Builder configure(Monitor started) {
        Builder builder = new Builder(MonitorConfig.builder());
        builder.monitor = Objects.requireNonNull(started, "monitor");
        return builder;
    }

    /** The monitor bound to the context, if any (also the attribute {@link #MONITOR_ATTRIBUTE}). */
    public static Optional<Monitor> monitor(ServletContext context) {
        Object monitor = context.getAttribute(MONITOR_ATTRIBUTE);
        return monitor instanceof Monitor m ? Optional.of(m) : Optional.empty();
    }

    /**
     * Tells the monitor the route template of a request as soon as the application's framework knows it,
     * during the chain: the level set on that route then decides whether the request is watched for
     * outliers (level 2) and profiled (level 3), which the servlet mapping alone cannot when one servlet
     * serves many routes. The record is named by it too, unless an {@link EndpointResolver} names the
     * request. Call it on the request's thread; for a request MonitorDash is not measuring it does nothing.
     * The Spring Boot starter calls it from a Spring MVC interceptor once the handler mapping matched.
     */
    public static void routeMatched(ServletRequest request, String routeTemplate) {
        if (request.getAttribute(MeasuredRequest.ATTRIBUTE) instanceof MeasuredRequest measured) {
            measured.routeKnown(routeTemplate);
        }
    }

    /** The configuration code starts from: file, system properties and environment. */
    static MonitorConfig.Builder loadBaseConfig() {
        // The web app's class loader finds a monitordash.properties packaged with the app.
        return ConfigLoader.fromEnvironment(Thread.currentThread().getContextClassLoader())
                .applyTo(MonitorConfig.builder());
    }

    /** Everything {@link MonitorConfig} carries, plus the options that only make sense in a servlet app. */
    public static final class Builder {
        private final MonitorConfig.Builder config;
        private Function<HttpServletRequest, String> groupBy;
        private EndpointResolver endpointResolver;
        private MonitorStore store;
        private Monitor monitor;

        Builder(MonitorConfig.Builder base) {
            this.config = base;
        }

        /** The app version records are tagged with (seed APP_VERSION); wins over git. */
        public Builder version(String version) { config.appVersion(version); return this; }
        /** JDBC URL of the store ({@code jdbc:sqlite:...} or {@code jdbc:postgresql:...}). */
        public Builder database(String jdbcUrl) { config.databaseUrl(jdbcUrl); return this; }
        public Builder databaseUser(String user) { config.databaseUser(user); return this; }
        public Builder databasePassword(String password) { config.databasePassword(password); return this; }
        /** Where the dashboard is served (seed CUSTOM_LINK), e.g. {@code /monitor}. */
        public Builder dashboardPath(String path) { config.dashboardPath(path); return this; }
        /** Git directory whose HEAD names the version when none is configured (seed GIT). */
        public Builder gitDir(String gitDir) { config.gitDir(gitDir); return this; }
        public Builder adminUser(String user) { config.adminUser(user); return this; }
        /** Plain text or a password hash; without one, a random password is generated and logged once. */
        public Builder adminPassword(String password) { config.adminPassword(password); return this; }
        public Builder guestUser(String user) { config.guestUser(user); return this; }
        public Builder guestPassword(String password) { config.guestPassword(password); return this; }
        /** Outlier when slower than this many times the endpoint's average (default 2.5). */
        public Builder outlierConstant(double constant) { config.outlierConstant(constant); return this; }
        /** Requests an endpoint needs before it can have outliers (default 10). */
        public Builder outlierMinRequests(int n) { config.outlierMinRequests(n); return this; }
        /** The least time a request runs before it can be an outlier (default 10 ms). */
        public Builder outlierMinDuration(Duration d) { config.outlierMinDuration(d); return this; }
        /**
         * The percentile rule instead of the mean rule: outlier when slower than this percentile (50-99.99)
         * of the endpoint's latest {@code window} requests (10-100000, default 1000).
         */
        public Builder outlierPercentile(double percentile, int window) {
            config.outlierPercentile(percentile).outlierPercentileWindow(window);
            return this;
        }
        /** Outliers kept per endpoint (default 100). */
        public Builder outlierKeep(int n) { config.outlierKeep(n); return this; }
        /** Header or parameter names masked in outliers besides the built-in rule (docs/outliers.md#masking). */
        public Builder outlierMaskHeaders(String... names) { config.outlierMaskHeaders(List.of(names)); return this; }
        /** Words that mask a header or parameter in outliers when its name contains one, besides the built-in rule. */
        public Builder outlierMaskParameters(String... words) {
            config.outlierMaskParameters(List.of(words));
            return this;
        }
        /** How often a level-3 request's stack is sampled (default 5 ms). */
        public Builder profilerPeriod(Duration period) { config.profilerPeriod(period); return this; }
        /** Request profiles kept per endpoint (default 100). */
        public Builder profilerKeep(int n) { config.profilerKeep(n); return this; }
        /** Monitoring level 0-3 of endpoints seen for the first time. */
        public Builder defaultLevel(int level) { config.defaultLevel(level); return this; }
        /** Time zone of the dashboard's days and hours. */
        public Builder timezone(ZoneId zone) { config.timezone(zone); return this; }
        public Builder serviceName(String name) { config.serviceName(name); return this; }
        public Builder instanceName(String name) { config.instanceName(name); return this; }
        /** Proxies (IP addresses, CIDR ranges) whose X-Forwarded-For / Forwarded headers are believed. */
        public Builder trustedProxies(String... proxies) { config.trustedProxies(List.of(proxies)); return this; }
        /** Cap on distinct endpoints; further routes count under one overflow endpoint. */
        public Builder maxEndpoints(int max) { config.maxEndpoints(max); return this; }
        /** Records waiting for the writer; beyond this they are dropped and counted. */
        public Builder queueCapacity(int capacity) { config.queueCapacity(capacity); return this; }
        public Builder batchSize(int size) { config.batchSize(size); return this; }
        /** How long stopping the context waits for queued records to be written. */
        public Builder shutdownTimeout(Duration timeout) { config.shutdownTimeout(timeout); return this; }

        /** Any other configuration option, straight on the core builder. */
        public Builder config(Consumer<MonitorConfig.Builder> change) {
            change.accept(config);
            return this;
        }

        /**
         * The user (group) a request is counted for (seed ch. 3.3); null means unknown. Default: the
         * request's principal name. Must not create a session; if it throws, the user is null.
         */
        public Builder groupBy(Function<HttpServletRequest, String> groupBy) {
            this.groupBy = Objects.requireNonNull(groupBy, "groupBy");
            return this;
        }

        /** Names requests by the application's own route templates, asked before Spring MVC and mappings. */
        public Builder endpointResolver(EndpointResolver resolver) {
            this.endpointResolver = Objects.requireNonNull(resolver, "endpointResolver");
            return this;
        }

        /** Records into this store instead of opening {@link #database}; it is closed with the monitor. */
        public Builder store(MonitorStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Validates the options, starts the monitor and binds it to the context.
         *
         * @throws dev.monitordash.core.config.ConfigException naming the key of a wrong value
         * @throws IllegalStateException if already bound, or if the context no longer accepts filters
         */
        public Monitor bind(ServletContext context) {
            Objects.requireNonNull(context, "context");
            return ContextBinding.bindFromCode(context, settings(context.getContextPath()));
        }

        /**
         * The options for the application at {@code contextPath}: a database and service left at their
         * defaults become its own (a SQLite file per application), see {@code ApplicationDefaults}.
         */
        BindingSettings settings(String contextPath) {
            if (monitor != null) {
                return new BindingSettings(monitor.config(), groupBy, endpointResolver, null, monitor);
            }
            return new BindingSettings(config.applicationDefaults(contextPath).build(), groupBy, endpointResolver,
                    store, null);
        }
    }
}
