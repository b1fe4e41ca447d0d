package dev.monitordash.benchmarks.peer;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.servlet.MonitoringDashboard;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumSet;
import java.util.Locale;

/**
 * The application {@code benchmarks/peer-load.sh} puts under load: Jetty 12 (ee10) with two endpoints,
 * {@code /hello} (a short text: the monitoring is most of the work) and {@code /sleep5} (5 ms of waiting:
 * a request that does something), in one of five modes:
 *
 * <ul>
 *   <li>{@code bare}: no monitoring;</li>
 *   <li>{@code md0}, {@code md1}, {@code md2}: MonitorDash bound with its builder, every endpoint at
 *       monitoring level 0, 1 or 2 (the default level of endpoints seen for the first time; the store is
 *       new), recording into a SQLite file in {@code dataDir} as an application would in production;</li>
 *   <li>{@code javamelody}: JavaMelody's {@code MonitoringFilter} on every request, storing into
 *       {@code dataDir}.</li>
 * </ul>
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.monitordash.benchmarks.peer.PeerApp MODE PORT DATA_DIR</pre>
 *
 * Prints {@code PEER-READY} once it serves. With MonitorDash it writes its counters (records accepted,
 * dropped, outliers captured) to {@code DATA_DIR/stats} every second, so that the script can tell what
 * happened during each measured window. Stopped by a signal (SIGTERM), it prints the counters, then stops
 * Jetty, which closes the monitor (flushing its queue).
 */
public final class PeerApp {

    static final String READY = "PEER-READY";

    private PeerApp() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: PeerApp bare|md0|md1|md2|javamelody PORT DATA_DIR");
            System.exit(2);
        }
        String mode = args[0];
        int port = Integer.parseInt(args[1]);
        Path dataDir = Files.createDirectories(Path.of(args[2]));

        Server server = new Server(port);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(Hello.class, "/hello");
        context.addServlet(Sleep5.class, "/sleep5");
        Monitor monitor = null;
        switch (mode) {
            case "bare" -> { }
            case "md0", "md1", "md2" -> monitor = MonitoringDashboard.configure()
                    .database("jdbc:sqlite:" + dataDir.resolve("monitordash.db"))
                    .defaultLevel(mode.charAt(2) - '0')
                    .version("peer-load") // the run directory is no git repository
                    .bind(context.getServletContext());
            case "javamelody" -> {
                FilterHolder melody = context.addFilter(net.bull.javamelody.MonitoringFilter.class, "/*",
                        EnumSet.of(DispatcherType.REQUEST));
                melody.setInitParameter("storage-directory", dataDir.resolve("javamelody").toString());
                melody.setAsyncSupported(true);
            }
            default -> {
                System.err.println("unknown mode " + mode + ": bare, md0, md1, md2 or javamelody");
                System.exit(2);
            }
        }
        server.setHandler(context);
        Monitor bound = monitor;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, mode, bound), "peer-stop"));
        server.start();
        if (monitor != null) {
            writeStatsEverySecond(monitor, dataDir.resolve("stats"));
        }
        System.out.println(READY + " " + mode + " " + port);
        System.out.flush();
        server.join();
    }

    private static void writeStatsEverySecond(Monitor monitor, Path file) {
        Thread t = new Thread(() -> {
            Path tmp = file.resolveSibling("stats.tmp");
            while (true) {
                try {
                    Files.writeString(tmp, counters(monitor) + "\n");
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Thread.sleep(1_000);
                } catch (IOException e) {
                    e.printStackTrace();
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "peer-stats");
        t.setDaemon(true);
        t.start();
    }

    private static String counters(Monitor monitor) {
        PipelineStats s = monitor.stats();
        return String.format(Locale.ROOT, "accepted=%d written=%d dropped=%d queued=%d outliers=%d outliers-skipped=%d",
                s.accepted(), s.written(), s.dropped(), s.queued(), monitor.outliers().captures(),
                monitor.outliers().skipped());
    }

    // Counters before the stop: they tell whether the run was valid (nothing dropped, no outlier storm).
    private static void stop(Server server, String mode, Monitor monitor) {
        if (monitor != null) {
            System.out.println("PEER-STATS " + mode + " " + counters(monitor));
        }
        try {
            server.stop();
        } catch (Exception e) {
            e.printStackTrace();
        }
    }

    /** A short text: what little the application does, the monitoring's share is the largest. */
    public static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().write("hello\n");
        }
    }

    /** 5 ms of waiting (a database call, say): the monitoring's share becomes small. */
    public static final class Sleep5 extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            response.setContentType("text/plain");
            response.getWriter().write("slept\n");
        }
    }
}
