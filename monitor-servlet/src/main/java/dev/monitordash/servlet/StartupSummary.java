package dev.monitordash.servlet;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.config.ConfigKey;
import dev.monitordash.core.config.MonitorConfig;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.core.record.StoreState;
import dev.monitordash.core.store.JdbcStore;
import dev.monitordash.core.store.SqliteLocation;
import dev.monitordash.core.version.VersionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one startup message of a bound application (docs/binding.md, "At startup"): what is monitored,
 * where it is stored and in what state, where the dashboard is, how to log in, and the settings that
 * differ from their defaults (passwords masked). Logged once the filter has declared the mapped routes.
 */
final class StartupSummary {

    /** Routes listed by name; beyond this, only counted (a startup line is read, not searched). */
    private static final int LISTED_ROUTES = 20;

    private StartupSummary() {
    }

    /**
     * @param contextPath        the application's context path ("" for the root)
     * @param routes             the mapped routes declared at startup
     * @param generatedPassword  the admin password generated for this run; null when one is configured
     * @param checksDatabaseFile whether the configured database is the store (not a store given in code)
     */
    static String of(Monitor monitor, String contextPath, List<String> routes, String generatedPassword,
            boolean checksDatabaseFile) {
        MonitorConfig config = monitor.config();
        VersionInfo v = monitor.version();
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder("MonitorDash ");
        String own = Monitor.class.getPackage().getImplementationVersion();
        if (own != null) {
            sb.append(own).append(' ');
        }
        sb.append("is monitoring ").append(contextPath.isEmpty() ? "the root context" : contextPath);
        sb.append(nl).append("  version:   ").append(v.name()).append(" (")
                .append(v.source().name().toLowerCase(Locale.ROOT));
        if (v.commit() != null) {
            sb.append(", commit ").append(v.commit(), 0, Math.min(7, v.commit().length()));
        }
        sb.append(')');
        sb.append(nl).append("  database:  ").append(checksDatabaseFile
                ? config.effectiveConfiguration().get(ConfigKey.DATABASE.property())
                        + " [" + config.sourceOf(ConfigKey.DATABASE) + "]"
                : "a store given in code").append(": ").append(storeState(monitor, checksDatabaseFile));
        sb.append(nl).append("  dashboard: ").append(contextPath).append(config.dashboardPath()).append('/');
        if (generatedPassword != null) {
            sb.append(" - log in as '").append(config.adminUser()).append("' with the password generated for this run: ")
                    .append(generatedPassword).append(" (set ").append(ConfigKey.ADMIN_PASSWORD.property())
                    .append(" to choose your own)");
        } else {
            sb.append(" - admin user '").append(config.adminUser()).append("', password configured");
        }
        if (config.prometheusEnabled()) {
            sb.append(nl).append("  metrics:   ").append(contextPath).append(config.dashboardPath())
                    .append("/metrics for Prometheus, ").append(config.prometheusToken().isPresent()
                            ? "bearer token required" : "dashboard login required (no token configured)");
        }
        sb.append(nl).append("  endpoints: ").append(endpoints(monitor, routes));
        List<String> changed = new ArrayList<>();
        for (ConfigKey k : ConfigKey.values()) {
            String source = config.sourceOf(k);
            if (!"default".equals(source) && k != ConfigKey.DATABASE) {
                changed.add(k.property() + "=" + config.effectiveConfiguration().get(k.property()) + " [" + source + "]");
            }
        }
        sb.append(nl).append("  settings:  ").append(changed.isEmpty() ? "all defaults" : String.join(", ", changed));
        return sb.toString();
    }

    private static String storeState(Monitor monitor, boolean checksDatabaseFile) {
        PipelineStats p = monitor.stats();
        if (p.store() == StoreState.OK) {
            return "ready";
        }
        if (monitor.store() instanceof JdbcStore jdbc && jdbc.refusal().isPresent()) {
            return "REFUSED: " + jdbc.refusal().get();
        }
        Optional<String> problem = checksDatabaseFile
                ? SqliteLocation.problem(monitor.config().databaseUrl()) : Optional.empty();
        if (problem.isPresent()) {
            return "CANNOT BE WRITTEN: " + problem.get();
        }
        return p.store() == StoreState.FAILING ? "FAILING: " + p.lastError()
                : "connecting in the background (requests are queued meanwhile)";
    }

    private static String endpoints(Monitor monitor, List<String> routes) {
        if (routes.isEmpty()) {
            return "no servlet mappings found; endpoints appear as they are requested";
        }
        List<String> shown = new ArrayList<>();
        int monitored = 0;
        for (String route : routes) {
            Endpoint e = monitor.endpoints().find(route);
            int level = e == null ? monitor.config().defaultLevel() : e.level();
            if (level > 0) {
                monitored++;
            }
            if (shown.size() < LISTED_ROUTES) {
                shown.add(route + " (level " + level + ")");
            }
        }
        String more = routes.size() > shown.size() ? " and " + (routes.size() - shown.size()) + " more" : "";
        return monitored + " of " + routes.size() + " mapped routes monitored: " + String.join(", ", shown) + more;
    }
}
