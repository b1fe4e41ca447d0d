package dev.monitordash.servlet;

import dev.monitordash.core.version.ApplicationFiles;
import jakarta.servlet.ServletContext;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.Set;

/**
 * Where a web application's build wrote its version, for monitor-core's version detection: its class path
 * (the startup thread's context class loader, which is the application's) and its own manifest. A WAR's
 * {@code META-INF/MANIFEST.MF} sits at the application's root, a resource of the servlet context that no
 * class loader serves; an application without one (embedded Jetty or Tomcat, Spring Boot) is the jar
 * {@code java -jar} started.
 */
final class WebApplicationFiles {

    private static final String MANIFEST = "/META-INF/MANIFEST.MF";

    private WebApplicationFiles() {
    }

    static ApplicationFiles of(ServletContext context) {
        return ApplicationFiles.of(Thread.currentThread().getContextClassLoader(), () -> manifest(context));
    }

    static URL manifest(ServletContext context) {
        try {
            URL own = context.getResource(MANIFEST);
            if (own != null) {
                return own;
            }
        } catch (MalformedURLException | RuntimeException e) {
            // a container that cannot tell: as without a manifest
        }
        // A WAR without a manifest must not take the version of the jar that started the container
        // (Jetty's start.jar has one): only an application without WEB-INF is the launched jar.
        Set<String> webInf = context.getResourcePaths("/WEB-INF/");
        return webInf != null && !webInf.isEmpty() ? null : ApplicationFiles.launchedJarManifest();
    }
}
