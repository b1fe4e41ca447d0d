package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.logging.StartupLog;
import dev.monitordash.core.record.StoreState;
import dev.monitordash.core.security.Passwords;
import dev.monitordash.core.store.JdbcStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * MonitorDash bound to one ServletContext: the filter and dashboard registrations, the monitor and its
 * lifecycle. Kept as a context attribute so that a second bind is detected, and so that an explicit
 * {@code bind} can take over a zero-line binding that has not started yet.
 *
 * <p>The monitor is closed (queue flushed within the configured shutdown timeout) when the container
 * destroys the filter, which every container does when the context stops. A ServletContextListener
 * cannot do it in general: one may only be added from a ServletContainerInitializer.
 */
final class ContextBinding {

    static final String ATTRIBUTE = ContextBinding.class.getName();
    private static final Logger LOG = LoggerFactory.getLogger(ContextBinding.class);
    // Binding happens once per context at startup; one lock for all contexts keeps it simple.
    private static final Object LOCK = new Object();

    private final ServletContext context;
    private final boolean automatic;
    private final String dashboardPattern;
    private volatile BindingSettings settings;
    private volatile Monitor monitor;
    private volatile String generatedAdminPassword;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ContextBinding(ServletContext context, BindingSettings settings, boolean automatic) {
        this.context = context;
        this.settings = settings;
        this.automatic = automatic;
        this.dashboardPattern = settings.dashboardPattern();
    }

    /** {@code MonitoringDashboard.bind}: registers, starts, or takes over a pending zero-line binding. */
    static Monitor bindFromCode(ServletContext context, BindingSettings settings) {
        synchronized (LOCK) {
            Object existing = context.getAttribute(ATTRIBUTE);
            if (existing instanceof ContextBinding binding) {
                return binding.takeOver(settings);
            }
            if (existing != null) {
                throw alreadyBound();
            }
            ContextBinding binding = new ContextBinding(context, settings, false);
            binding.start();
            try {
                binding.register();
            } catch (RuntimeException e) {
                binding.close();
                context.removeAttribute(MonitoringDashboard.MONITOR_ATTRIBUTE);
                throw e;
            }
            context.setAttribute(ATTRIBUTE, binding);
            return binding.monitor;
        }
    }

    /**
     * Zero-line mode, from the ServletContainerInitializer: registers now (only possible here), and starts
     * the monitor when the context is initialised, after the application's declared listeners had their
     * chance to bind explicitly. Does nothing if the application bound already.
     */
    static void bindAutomatically(ServletContext context, BindingSettings settings) {
        synchronized (LOCK) {
            if (context.getAttribute(ATTRIBUTE) != null) {
                return;
            }
            ContextBinding binding = new ContextBinding(context, settings, true);
            binding.register();
            context.setAttribute(ATTRIBUTE, binding);
            context.addListener(new AutomaticStart(binding));
        }
    }

    Monitor monitor() {
        return monitor;
    }

    BindingSettings settings() {
        return settings;
    }

    /** True when zero-line mode made this binding. */
    boolean isAutomatic() {
        return automatic;
    }

    private Monitor takeOver(BindingSettings explicit) {
        if (!automatic) {
            throw alreadyBound();
        }
        if (monitor != null) {
            throw new IllegalStateException("MonitorDash was already bound automatically (zero-line mode:"
                    + " a monitordash.properties file or monitordash.auto=true) and has started. Call"
                    + " MonitoringDashboard.bind from a ServletContextListener declared in web.xml or annotated"
                    + " with @WebListener, which runs before the automatic start, or set monitordash.auto=false.");
        }
        if (!explicit.dashboardPattern().equals(dashboardPattern)) {
            throw new IllegalStateException("MonitorDash was bound automatically with the dashboard at "
                    + dashboardPattern + ", but bind(...) asks for " + explicit.dashboardPattern()
                    + "; set the dashboard path in monitordash.properties, or set monitordash.auto=false.");
        }
        settings = explicit;
        start();
        return monitor;
    }

    /** The admin password generated when none is configured, announced in the startup summary; else null. */
    String generatedAdminPassword() {
        return generatedAdminPassword;
    }

    private void start() {
        // Generated here, not when the dashboard servlet first runs: the summary announces it at startup.
        generatedAdminPassword = settings.config().adminPassword().filter(p -> !p.isEmpty()).isPresent()
                ? null : Passwords.generate();
        Monitor m = settings.startMonitor(WebApplicationFiles.of(context));
        m.endpoints().declareInternal(dashboardPattern);
        monitor = m;
        context.setAttribute(MonitoringDashboard.MONITOR_ATTRIBUTE, m);
    }

    private void register() {
        FilterRegistration.Dynamic filter;
        ServletRegistration.Dynamic dashboard;
        try {
            filter = context.addFilter(MonitoringDashboard.FILTER_NAME, new MonitoringFilter(this));
            dashboard = context.addServlet(MonitoringDashboard.DASHBOARD_SERVLET_NAME, new DashboardHost(this));
        } catch (IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalStateException("MonitoringDashboard.bind cannot register its filter now ("
                    + e.getMessage() + "). Bind while the context is being set up: from a"
                    + " ServletContainerInitializer, from a ServletContextListener declared in web.xml or with"
                    + " @WebListener (not one added with ServletContext.addListener), or in embedded setup code"
                    + " (see MonitoringDashboard's documentation for Jetty and Tomcat).", e);
        }
        if (filter == null || dashboard == null) {
            throw alreadyBound();
        }
        filter.setAsyncSupported(true);
        // REQUEST only: an async, forward, include or error dispatch belongs to a request being measured.
        // Not after the declared filters: their time (security, compression) is part of the request.
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        dashboard.setAsyncSupported(true);
        Set<String> taken = dashboard.addMapping(dashboardPattern);
        if (!taken.isEmpty()) {
            throw new IllegalStateException("MonitorDash cannot mount its dashboard at " + dashboardPattern
                    + ": the application already maps " + taken + "; choose another dashboard path");
        }
    }

    /**
     * Logs the startup summary once the filter has declared the mapped routes: at WARN when the user must
     * act (a generated password to note, a store that cannot be written), and on System.err as well when
     * SLF4J has no provider.
     */
    void announce(List<String> routes) {
        Monitor m = monitor;
        if (m == null) {
            return;
        }
        // No waiting here: Monitor.start already gave the store a fraction of a second to answer.
        boolean ready = m.stats().store() == StoreState.OK; // read before the summary: it only gets better
        String summary = StartupSummary.of(m, context.getContextPath(), routes, generatedAdminPassword,
                settings.store() == null && (settings.ownsMonitor() || m.store() instanceof JdbcStore));
        if (generatedAdminPassword != null || !ready) {
            StartupLog.warn(LOG, summary);
        } else {
            StartupLog.info(LOG, summary);
        }
    }

    /** Flushes and closes the monitor, once, whoever asks first (filter destroy, context destroyed). */
    void close() {
        Monitor m = monitor;
        if (m != null && closed.compareAndSet(false, true) && settings.ownsMonitor()) {
            m.close();
            LOG.debug("MonitorDash closed for context {}", context.getContextPath());
        }
    }

    private static IllegalStateException alreadyBound() {
        return new IllegalStateException("MonitorDash is already bound to this ServletContext;"
                + " call MonitoringDashboard.bind once per application");
    }

    /** Added by the initializer: starts a zero-line binding nobody took over, closes it at the end. */
    private static final class AutomaticStart implements ServletContextListener {
        private final ContextBinding binding;

        AutomaticStart(ContextBinding binding) {
            this.binding = binding;
        }

        @Override
        public void contextInitialized(ServletContextEvent event) {
            synchronized (LOCK) {
                if (binding.monitor == null) {
                    binding.start();
                    LOG.info("MonitorDash bound automatically; dashboard at {}{}",
                            event.getServletContext().getContextPath(), binding.settings.config().dashboardPath());
                }
            }
        }

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            binding.close();
        }
    }
}
