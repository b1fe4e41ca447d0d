package dev.monitordash.servlet.exit;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.servlet.MonitoringDashboard;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.time.Duration;

/**
 * The application of the child JVMs ({@link ExitFlushTest}, {@link StartupSummaryWithoutSlf4jTest}): an
 * embedded Jetty monitored through {@code MonitoringDashboard.bind}, recording into a real SQLite file.
 * Like many embedded applications it does not stop its server on SIGTERM, so only the monitor's own
 * shutdown hook can write what is queued. Each request's user is its {@code id} parameter, so the test
 * can find every answered request in the file.
 *
 * <p>Arguments: the database file, then {@code slow-writer} (one record per transaction and a queue
 * that never fills: a backlog builds under load), {@code generated-password} (no admin password) or
 * {@code defaults} (the default pipeline, for two JVMs writing one file in the reliability suite).
 * Prints {@code PORT <n>} once serving, then {@code STATS <offered> <written> <queued> <dropped>} every
 * 100 ms.
 */
public final class ChildApp {

    public static void main(String[] args) throws Exception {
        String database = "jdbc:sqlite:" + args[0];
        boolean slowWriter = args[1].equals("slow-writer");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new Work(), "/work");
        context.addServlet(new Work(), "/health");
        MonitoringDashboard.Builder monitoring = MonitoringDashboard.configure().database(database).version("child")
                .groupBy(request -> request.getParameter("id"));
        if (slowWriter) {
            monitoring.adminPassword("s3cret").batchSize(1).queueCapacity(1_000_000)
                    .shutdownTimeout(Duration.ofSeconds(60));
        }
        Monitor monitor = monitoring.bind(context.getServletContext());
        server.setHandler(context);
        server.start();
        System.out.println("PORT " + connector.getLocalPort());
        System.out.flush();
        Thread stats = new Thread(() -> {
            while (true) {
                PipelineStats s = monitor.stats();
                System.out.println("STATS " + s.offered() + " " + s.written() + " " + s.queued()
                        + " " + s.dropped());
                System.out.flush();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stats");
        stats.setDaemon(true);
        stats.start();
        server.join();
    }

    private static final class Work extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            resp.setContentType("text/plain");
            resp.getWriter().write("ok");
        }
    }

    private ChildApp() {
    }
}
