package dev.monitordash.spring;

import dev.monitordash.servlet.MonitoringDashboard;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The requests the dashboard servlet serves ({@code <dashboard path>/**}), recognised by the servlet the
 * container chose rather than by a path pattern: that is exactly the dashboard's requests, with the
 * configured path and context path, whichever kind of matcher the Spring Security version prefers.
 */
final class DashboardRequests implements RequestMatcher {

    @Override
    public boolean matches(HttpServletRequest request) {
        HttpServletMapping mapping = request.getHttpServletMapping();
        return mapping != null && MonitoringDashboard.DASHBOARD_SERVLET_NAME.equals(mapping.getServletName());
    }

    @Override
    public String toString() {
        return "the MonitorDash dashboard's requests";
    }
}
