package dev.monitordash.servlet.testing;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;

import java.net.URI;
import java.util.function.Consumer;

/**
 * A real servlet container on a loopback ephemeral port, so that one test body runs against Jetty and
 * Tomcat. Each implementation binds MonitorDash the way its documented recipe says.
 */
public interface EmbeddedServer extends AutoCloseable {

    String name();

    /** Adds an async-supported servlet with its mappings; before {@link #start()}. */
    void addServlet(String name, Servlet servlet, String... patterns);

    /** Forwards requests whose servlet threw {@code type} to {@code location} (an error dispatch). */
    void addErrorPage(Class<? extends Throwable> type, String location);

    /** Binds through the container's primary recipe (Jetty: before start; Tomcat: an initializer). */
    void bindWith(Consumer<ServletContext> bind);

    /** Binds from a ServletContextListener the way the container allows it to register filters. */
    void bindFromListener(Consumer<ServletContext> bind);

    /** Starts; fails if the web application did not start. */
    void start() throws Exception;

    URI uri(String path);

    /** Stops the context and the server; returns after the context was destroyed. */
    void stop() throws Exception;

    @Override
    default void close() throws Exception {
        stop();
    }
}
