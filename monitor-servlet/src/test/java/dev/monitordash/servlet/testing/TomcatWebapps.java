package dev.monitordash.servlet.testing;

import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.JreMemoryLeakPreventionListener;
import org.apache.catalina.startup.Tomcat;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One Tomcat 10.1 with web applications deployed from directories, each with its own WebappClassLoader,
 * as Tomcat's host deploys WARs; applications can be deployed and undeployed while it runs.
 */
public final class TomcatWebapps implements WarContainer {

    private final Tomcat tomcat = new Tomcat();
    private final Connector connector = new Connector("HTTP/1.1");
    private final Map<String, Context> deployed = new HashMap<>();

    public TomcatWebapps(Path baseDir) throws Exception {
        tomcat.setBaseDir(baseDir.toString());
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        // As in Tomcat's default server.xml: JRE singletons are initialised by the server, not by whichever
        // application touches them first (DriverManager loading an application's drivers, for one).
        tomcat.getServer().addLifecycleListener(new JreMemoryLeakPreventionListener());
        tomcat.getHost().setAutoDeploy(false);
        // No background processing (session expiry, reloading): it borrows an application's class loader
        // for a moment, and Tomcat's leak check on an undeploy that falls in that moment blames the application.
        tomcat.getEngine().setBackgroundProcessorDelay(-1);
        tomcat.start();
    }

    /** Deploys and starts {@code war} at {@code contextPath}; fails if it did not start. */
    public Context deploy(String contextPath, ExplodedWar war) {
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Context context = tomcat.addWebapp(contextPath, war.root().toString());
        if (context.getState() != LifecycleState.STARTED) {
            throw new IllegalStateException("web application " + contextPath + " did not start: " + context.getState());
        }
        return context;
    }

    @Override
    public void deployWar(String contextPath, ExplodedWar war) {
        deployed.put(contextPath, deploy(contextPath, war));
    }

    @Override
    public void undeployWar(String contextPath) {
        undeploy(deployed.remove(contextPath));
    }

    /** Deploys a directory as it is (no MonitorDash unless it holds it). */
    public Context deployDirectory(String contextPath, Path docBase) {
        tomcat.setAddDefaultWebXmlToWebapp(false);
        return tomcat.addWebapp(contextPath, docBase.toString());
    }

    /** Stops the application and removes it from the host, as the manager's undeploy does. */
    public void undeploy(Context context) {
        tomcat.getHost().removeChild(context);
    }

    @Override
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    public void close() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }
}
