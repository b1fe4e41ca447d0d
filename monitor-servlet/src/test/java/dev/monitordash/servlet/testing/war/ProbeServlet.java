package dev.monitordash.servlet.testing.war;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.record.PipelineStats;
import dev.monitordash.servlet.MonitoringDashboard;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The servlet of the web applications {@link dev.monitordash.servlet.testing.ExplodedWar} builds. It is
 * loaded by the application's own class loader, so it sees that application's copy of MonitorDash:
 * {@code /stats} answers with its monitor's counters ({@code accepted written dropped queued}, one
 * line each as {@code name=value}, then {@code error=...}, {@code version=...} and {@code versionSource=...}),
 * {@code /app/sleep?ms=N} sleeps, anything
 * else answers {@code ok}.
 */
public final class ProbeServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("text/plain");
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (req.getServletPath().equals("/stats")) {
            Monitor monitor = MonitoringDashboard.monitor(getServletContext()).orElseThrow();
            PipelineStats s = monitor.stats();
            resp.getWriter().print("accepted=" + s.accepted() + "\nwritten=" + s.written() + "\ndropped="
                    + s.dropped() + "\nqueued=" + s.queued() + "\nerror=" + s.lastError() + "\nversion="
                    + monitor.version().name() + "\nversionSource=" + monitor.version().source() + "\n");
            return;
        }
        if (path.equals("/sleep")) {
            try {
                Thread.sleep(Long.parseLong(req.getParameter("ms")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        resp.getWriter().print("ok");
    }

    /** Binds this application's copy of MonitorDash in code, declared in web.xml by {@code withBindingListener}. */
    public static final class Binding implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            MonitoringDashboard.bind(event.getServletContext());
        }
    }
}
