package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.store.MonitorStore;
import dev.monitordash.core.version.ApplicationFiles;
import dev.monitordash.core.version.VersionDetector;
import dev.monitordash.servlet.client.ClientAddressResolver;
import dev.monitordash.servlet.endpoint.EndpointResolver;
import jakarta.servlet.http.HttpServletRequest;

import java.util.function.Function;

/**
 * What one bind asked for: the validated monitor configuration plus the servlet-side options.
 *
 * @param groupBy          user (group) of a request; null for the principal's name
 * @param endpointResolver the application's route names; null for none
 * @param store            a store to use instead of opening {@code config.databaseUrl()}; null for that
 * @param started          a monitor started (and closed) by the caller; null to start one here
 */
record BindingSettings(MonitorConfig config, Function<HttpServletRequest, String> groupBy,
        EndpointResolver endpointResolver, MonitorStore store, Monitor started) {

    BindingSettings {
        // Fails the bind, not the first request, when a trusted proxy entry is not an address or range.
        new ClientAddressResolver(config.trustedProxies());
    }

    /** The dashboard's servlet mapping; its requests are never recorded. */
    String dashboardPattern() {
        return config.dashboardPath() + "/*";
    }

    /** Whether the binding started the monitor, and so closes it with the context. */
    boolean ownsMonitor() {
        return started == null;
    }

    /** @param files where the application's build wrote its version (class path, the WAR's manifest) */
    Monitor startMonitor(ApplicationFiles files) {
        if (started != null) {
            return started;
        }
        return store == null
                ? Monitor.start(config, files)
                : Monitor.start(config, VersionDetector.detect(config, files), store);
    }
}
