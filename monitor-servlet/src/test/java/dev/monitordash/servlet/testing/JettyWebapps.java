package dev.monitordash.servlet.testing;

import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * One Jetty 12 (ee10) with web applications deployed from directories through {@link WebAppContext}, each
 * with its own WebAppClassLoader (web application classes first, as the servlet specification asks).
 * Without jetty-ee10-annotations Jetty runs no ServletContainerInitializer from WEB-INF/lib, so the WARs
 * bind from a listener declared in web.xml ({@link ExplodedWar#withBindingListener}).
 */
public final class JettyWebapps implements WarContainer {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ContextHandlerCollection contexts = new ContextHandlerCollection();
    private final Map<String, WebAppContext> deployed = new HashMap<>();

    public JettyWebapps() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(contexts);
        server.start();
    }

    @Override
    public void deployWar(String contextPath, ExplodedWar war) throws Exception {
        WebAppContext app = new WebAppContext(war.root().toString(), contextPath);
        app.setThrowUnavailableOnStartupException(true);
        contexts.addHandler(app);
        if (!app.isStarted()) {
            app.start();
        }
        if (!app.isAvailable()) {
            throw new IllegalStateException("web application " + contextPath + " did not start");
        }
        deployed.put(contextPath, app);
    }

    @Override
    public void undeployWar(String contextPath) throws Exception {
        WebAppContext app = deployed.remove(contextPath);
        app.stop();
        contexts.removeHandler(app);
    }

    @Override
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
