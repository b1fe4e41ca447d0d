package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The one place that names the servlet serving the dashboard under {@code <dashboard path>/*}, so that
 * the binding does not depend on how the UI module builds its servlet.
 */
public final class DashboardMount {

    private DashboardMount() {
    }

    /** A new dashboard servlet reading from and controlling {@code monitor}. */
    public static HttpServlet create(Monitor monitor) {
        // Swap in once monitor-ui's servlet is merged: return new dev.monitordash.ui.DashboardServlet(monitor);
        return new UnavailableDashboard();
    }

    /**
     * Stands in for the dashboard until monitor-ui's servlet is merged: answers 503 and reveals nothing,
     * since it has no login in front of it.
     */
    static final class UnavailableDashboard extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("The MonitorDash dashboard is not part of this build.\n");
        }
    }
}
