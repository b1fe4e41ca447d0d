package dev.monitordash.spring;

import dev.monitordash.core.Monitor;
import dev.monitordash.servlet.MonitoringDashboard;
import dev.monitordash.servlet.endpoint.EndpointResolver;
import jakarta.servlet.ServletContext;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.core.Ordered;

/**
 * Binds the monitor to the embedded container's ServletContext with the servlet module's own
 * {@code MonitoringDashboard.bind}: the same filter, dashboard servlet, startup summary and dashboard
 * password as in any other container.
 *
 * <p>Its order is {@link #ORDER}, the highest precedence, so that the filter is the first one of the
 * application: Spring Boot registers the initializers of one kind together, kinds in the order of their
 * first member, and filters added this way run in the order they were added. Registered ahead of every
 * filter registration (Spring Security's at -100, the observation filter at highest precedence + 1), the
 * filter measures the time spent in security and records each 401 and 403 it answers.
 */
final class DashboardRegistration implements ServletContextInitializer, Ordered {

    /** Before every filter registration of the application, Spring Security's included. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

    private final Monitor monitor;
    private final GroupBy users;
    private final EndpointResolver endpoints;

    /**
     * @param users     the user of a request, read after the chain; null for the request's principal
     * @param endpoints the application's own route names; null for Spring MVC's pattern
     */
    DashboardRegistration(Monitor monitor, GroupBy users, EndpointResolver endpoints) {
        this.monitor = monitor;
        this.users = users;
        this.endpoints = endpoints;
    }

    @Override
    public void onStartup(ServletContext context) {
        MonitoringDashboard.Builder binding = MonitoringDashboard.configure(monitor);
        if (users != null) {
            binding.groupBy(users);
        }
        if (endpoints != null) {
            binding.endpointResolver(endpoints);
        }
        binding.bind(context);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
