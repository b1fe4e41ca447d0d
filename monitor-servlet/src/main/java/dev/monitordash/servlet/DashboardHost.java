package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;

import java.io.IOException;

/**
 * The servlet registered at the dashboard path. It creates the real dashboard servlet when the container
 * initialises it, because in zero-line mode the servlet is registered before the monitor starts (an
 * explicit {@code bind} in a listener may still change the configuration).
 */
final class DashboardHost extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ContextBinding binding;
    private transient HttpServlet dashboard;

    DashboardHost(ContextBinding binding) {
        this.binding = binding;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        Monitor monitor = binding.monitor();
        if (monitor == null) {
            throw new UnavailableException("MonitorDash did not start; see the log");
        }
        HttpServlet servlet = DashboardMount.create(monitor, binding.generatedAdminPassword());
        servlet.init(config);
        dashboard = servlet;
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        dashboard.service(request, response);
    }

    @Override
    public void destroy() {
        if (dashboard != null) {
            dashboard.destroy();
        }
    }
}
