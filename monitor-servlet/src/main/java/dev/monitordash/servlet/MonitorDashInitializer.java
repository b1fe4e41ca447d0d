package dev.monitordash.servlet;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Zero-line mode: a container that runs ServletContainerInitializers (a WAR in Tomcat, Jetty's
 * WebAppContext, Undertow) binds MonitorDash when {@link AutoBindTrigger} says so, with the loaded
 * configuration. The filter and dashboard are registered here, the monitor starts once the context is
 * initialised, so an application that also calls {@code MonitoringDashboard.bind(...)} from a declared
 * listener is bound once, with the options of its call. Embedded servers built in code
 * ({@code ServletContextHandler}, {@code Tomcat.addContext}) do not look for initializers: they bind in code.
 */
public final class MonitorDashInitializer implements ServletContainerInitializer {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorDashInitializer.class);

    private final Function<ClassLoader, AutoBindTrigger> trigger;
    private final Supplier<MonitoringDashboard.Builder> options;

    /** As the container creates it: the JVM's trigger, the loaded configuration. */
    public MonitorDashInitializer() {
        this(AutoBindTrigger::of, MonitoringDashboard::configure);
    }

    MonitorDashInitializer(Function<ClassLoader, AutoBindTrigger> trigger,
            Supplier<MonitoringDashboard.Builder> options) {
        this.trigger = trigger;
        this.options = options;
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        AutoBindTrigger.Decision decision = trigger.apply(context.getClassLoader()).decide();
        if (!decision.bind()) {
            LOG.debug("MonitorDash does not bind automatically: {}", decision.reason());
            return;
        }
        LOG.info("MonitorDash binds automatically to {} ({})", context.getContextPath(), decision.reason());
        ContextBinding.bindAutomatically(context, options.get().settings(context.getContextPath()));
    }
}
