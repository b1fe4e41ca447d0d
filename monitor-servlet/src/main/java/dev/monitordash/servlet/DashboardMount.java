package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.servlet.client.ClientAddressResolver;
import dev.monitordash.ui.DashboardServlet;
import dev.monitordash.ui.auth.PasswordVerifier;
import jakarta.servlet.http.HttpServlet;

/**
 * The one place that names the servlet serving the dashboard under {@code <dashboard path>/*}, so that
 * the binding does not depend on how the UI module builds its servlet.
 */
public final class DashboardMount {

    private DashboardMount() {
    }

    /** A new dashboard servlet reading from and controlling {@code monitor}. */
    public static HttpServlet create(Monitor monitor) {
        // Login throttling counts logins per client, so it must see through trusted proxies too.
        ClientAddressResolver clients = new ClientAddressResolver(monitor.config().trustedProxies());
        return new DashboardServlet(monitor, PasswordVerifier.configured(), clients::resolve);
    }

    /** As above, with the admin password the binding generated (and announced) at startup. */
    static HttpServlet create(Monitor monitor, String generatedAdminPassword) {
        ClientAddressResolver clients = new ClientAddressResolver(monitor.config().trustedProxies());
        return new DashboardServlet(monitor, PasswordVerifier.configured(), clients::resolve, generatedAdminPassword);
    }
}
