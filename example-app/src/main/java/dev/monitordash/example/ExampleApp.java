package dev.monitordash.example;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.alert.Alerting;
import dev.monitordash.servlet.MonitoringDashboard;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * A small web service on embedded Jetty 12 whose endpoints echo the seed's case study (Zeeguu): a fast
 * one, a slow one, one whose time depends on the user, one with a path variable, one that fails now and
 * then, and one that sometimes hangs for seconds. Monitored by one line: {@code MonitoringDashboard...bind}.
 */
public final class ExampleApp {

    private static final Logger LOG = LoggerFactory.getLogger(ExampleApp.class);

    /** Who is asking: the {@code X-User} header (the simulator sets it) or the example's login cookie. */
    static String userOf(HttpServletRequest request) {
        String user = request.getHeader("X-User");
        return user != null ? user : ExampleLogin.userFromCookie(request);
    }

    public static void main(String[] args) throws Exception {
        ExampleOptions options;
        try {
            options = ExampleOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("example-app: " + e.getMessage());
            System.err.println(ExampleOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(ExampleOptions.USAGE);
            return;
        }
        Server server;
        try {
            server = start(options.port(), options.demoHistoryDays(), options.users());
        } catch (IllegalArgumentException e) { // the demo history's versions clash with the configured one
            System.err.println("example-app: " + e.getMessage());
            System.exit(2);
            return;
        }
        int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
        System.out.printf("Example app on http://localhost:%d/ — dashboard on http://localhost:%d/dashboard"
                + " (login admin/admin, from example-app's monitordash.properties)%n", port, port);
        if (options.simulate()) {
            TrafficSimulator simulator = new TrafficSimulator(port, options.users(), options.requestsPerSecond(),
                    Duration.ofMinutes(options.simulateMinutes()));
            simulator.start();
            System.out.printf("Simulating %d users at ~%d requests/s for %d minutes%n",
                    options.users(), options.requestsPerSecond(), options.simulateMinutes());
        }
        server.join();
    }

    /** Starts the app on the given port (0: any free port); the caller stops the returned server. */
    public static Server start(int port) throws Exception {
        return start(port, 0, ExampleOptions.DEFAULT_USERS);
    }

    /**
     * Starts the app after backfilling {@code demoHistoryDays} days of history for {@code users} users (see
     * {@link DemoHistory}; 0 days: none). The backfill runs while the context starts, so it is in the
     * store before the first request is served.
     */
    public static Server start(int port, int demoHistoryDays, int users) throws Exception {
        Server server = new Server(port);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ExampleEndpoints.register(context);
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                // The one line. The rest of the configuration comes from monitordash.properties.
                Monitor monitor = MonitoringDashboard.configure().groupBy(ExampleApp::userOf)
                        .bind(event.getServletContext());
                // A new user sees the ready-made alert rules enabled (docs/alerts.md); added on the alert
                // thread, so a store that is not reachable yet never holds up startup.
                monitor.alerting().ifPresent(Alerting::addReadyMadeRules);
                if (demoHistoryDays > 0) {
                    report(DemoBackfill.run(monitor, demoHistoryDays, users), demoHistoryDays);
                }
            }
        });
        server.setHandler(context);
        server.setStopTimeout(5_000);
        // On SIGTERM, stop the server: it finishes the requests in flight, then the context stops and the
        // monitor writes what is queued. Without this the JVM exits with the context still running.
        server.setStopAtShutdown(true);
        server.start();
        return server;
    }

    private static void report(DemoBackfill.Result result, int days) {
        if (result.skipped()) {
            LOG.info("--demo-history: the database already holds requests, so no history was added"
                    + " (delete it to start over)");
            return;
        }
        List<DemoHistory.Version> versions = result.versions();
        LOG.info("--demo-history: {} requests over {} days in versions {} written in {} ms; {} is slower in {}",
                result.requests(), days, versions.stream().map(DemoHistory.Version::name).toList(),
                result.took().toMillis(), DemoHistory.REGRESSED_ENDPOINT, DemoHistory.REGRESSED_VERSION);
    }

    private ExampleApp() {
    }
}
