package dev.monitordash.example;

import dev.monitordash.servlet.MonitoringDashboard;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.time.Duration;

/**
 * A small web service on embedded Jetty 12 whose endpoints echo the seed's case study (Zeeguu): a fast
 * one, a slow one, one whose time depends on the user, one with a path variable, one that fails now and
 * then, and one that sometimes hangs for seconds. Monitored by one line: {@code MonitoringDashboard...bind}.
 */
public final class ExampleApp {

    /** Who is asking: the {@code X-User} header (the simulator sets it) or the example's login cookie. */
    static String userOf(HttpServletRequest request) {
        String user = request.getHeader("X-User");
        return user != null ? user : ExampleLogin.userFromCookie(request);
    }

    public static void main(String[] args) throws Exception {
        ExampleOptions options = ExampleOptions.parse(args);
        Server server = start(options.port());
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
        Server server = new Server(port);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ExampleEndpoints.register(context);
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                // The one line. The rest of the configuration comes from monitordash.properties.
                MonitoringDashboard.configure().groupBy(ExampleApp::userOf).bind(event.getServletContext());
            }
        });
        server.setHandler(context);
        server.setStopTimeout(5_000);
        server.start();
        return server;
    }

    private ExampleApp() {
    }
}
