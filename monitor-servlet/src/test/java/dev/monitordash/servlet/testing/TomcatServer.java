package dev.monitordash.servlet.testing;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/** Tomcat 10.1 embedded with {@code Tomcat.addContext}, as an embedded application builds it. */
public final class TomcatServer implements EmbeddedServer {

    private static final String BINDER_PARAMETER = "dev.monitordash.test.binder";
    private static final Map<String, Consumer<ServletContext>> BINDERS = new ConcurrentHashMap<>();

    private final Tomcat tomcat = new Tomcat();
    private final Connector connector = new Connector("HTTP/1.1");
    private final Context context;
    private String binderId;
    private boolean destroyed;

    public TomcatServer(Path baseDir) {
        this(baseDir, false);
    }

    /** @param webapp true for {@code addWebapp}: web.xml defaults and ServletContainerInitializer discovery */
    public TomcatServer(Path baseDir, boolean webapp) {
        try {
            Path docBase = Files.createDirectories(baseDir.resolve("webapp"));
            tomcat.setBaseDir(baseDir.resolve("tomcat").toString());
            connector.setPort(0);
            connector.setProperty("address", "127.0.0.1");
            // Keep client connections open for the whole test: no reconnect churn, no TIME_WAIT pile-up.
            connector.setProperty("maxKeepAliveRequests", "-1");
            tomcat.setConnector(connector);
            if (webapp) {
                tomcat.setAddDefaultWebXmlToWebapp(false);
                context = tomcat.addWebapp("", docBase.toString());
            } else {
                context = tomcat.addContext("", docBase.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Context context() {
        return context;
    }

    @Override
    public String name() {
        return "Tomcat";
    }

    @Override
    public void addServlet(String name, Servlet servlet, String... patterns) {
        Wrapper wrapper = Tomcat.addServlet(context, name, servlet);
        wrapper.setAsyncSupported(true);
        for (String pattern : patterns) {
            context.addServletMappingDecoded(pattern, name);
        }
    }

    @Override
    public void addErrorPage(Class<? extends Throwable> type, String location) {
        ErrorPage page = new ErrorPage();
        page.setExceptionType(type.getName());
        page.setLocation(location);
        context.addErrorPage(page);
    }

    /** Recipe: Tomcat refuses filters before start, so bind in an initializer added to the context. */
    @Override
    public void bindWith(Consumer<ServletContext> bind) {
        context.addServletContainerInitializer((classes, servletContext) -> bind.accept(servletContext), null);
    }

    /** Recipe: a listener class declared with {@code context.addApplicationListener}, as web.xml would. */
    @Override
    public void bindFromListener(Consumer<ServletContext> bind) {
        binderId = UUID.randomUUID().toString();
        BINDERS.put(binderId, bind);
        context.addParameter(BINDER_PARAMETER, binderId);
        context.addApplicationListener(DeclaredBindingListener.class.getName());
    }

    @Override
    public void start() throws Exception {
        tomcat.start();
        if (context.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException("Tomcat context did not start: " + context.getState());
        }
    }

    @Override
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    public void stop() throws Exception {
        if (destroyed) {
            return;
        }
        destroyed = true;
        try {
            tomcat.stop();
            tomcat.destroy();
        } finally {
            if (binderId != null) {
                BINDERS.remove(binderId);
            }
        }
    }

    /** Instantiated by Tomcat from its class name, like a listener in web.xml. */
    public static final class DeclaredBindingListener implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            ServletContext servletContext = event.getServletContext();
            BINDERS.get(servletContext.getInitParameter(BINDER_PARAMETER)).accept(servletContext);
        }
    }
}
