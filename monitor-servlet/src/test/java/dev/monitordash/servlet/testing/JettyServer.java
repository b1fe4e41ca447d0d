package dev.monitordash.servlet.testing;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.eclipse.jetty.ee10.servlet.ErrorPageErrorHandler;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.util.function.Consumer;

/** Jetty 12 (ee10) with a {@link ServletContextHandler}, as an embedded application builds it. */
public final class JettyServer implements EmbeddedServer {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ServletContextHandler context = new ServletContextHandler("/");
    private final ErrorPageErrorHandler errorPages = new ErrorPageErrorHandler();
    private Consumer<ServletContext> bindBeforeStart;

    public JettyServer() {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context.setErrorHandler(errorPages);
        server.setHandler(context);
    }

    public ServletContextHandler contextHandler() {
        return context;
    }

    @Override
    public String name() {
        return "Jetty";
    }

    @Override
    public void addServlet(String name, Servlet servlet, String... patterns) {
        ServletHolder holder = new ServletHolder(name, servlet);
        holder.setAsyncSupported(true);
        for (String pattern : patterns) {
            context.addServlet(holder, pattern);
        }
    }

    @Override
    public void addErrorPage(Class<? extends Throwable> type, String location) {
        errorPages.addErrorPage(type, location);
    }

    /** Recipe: {@code MonitoringDashboard.bind(handler.getServletContext())} before {@code server.start()}. */
    @Override
    public void bindWith(Consumer<ServletContext> bind) {
        this.bindBeforeStart = bind;
    }

    /** Recipe: a listener added with {@code handler.addEventListener}, which Jetty lets register filters. */
    @Override
    public void bindFromListener(Consumer<ServletContext> bind) {
        context.addEventListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                bind.accept(event.getServletContext());
            }
        });
    }

    @Override
    public void start() throws Exception {
        if (bindBeforeStart != null) {
            bindBeforeStart.accept(context.getServletContext());
        }
        server.start();
        if (!context.isAvailable()) {
            throw new IllegalStateException("Jetty context is not available");
        }
    }

    @Override
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    public void stop() throws Exception {
        server.stop();
    }
}
