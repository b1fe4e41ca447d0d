package dev.monitordash.servlet.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A web application directory as a WAR unpacks: WEB-INF/lib holds MonitorDash and every jar it needs at
 * run time (this module's runtime class path, written by the build to {@code target/webapp-class-path.txt};
 * reactor modules' class directories become jars), plus slf4j-simple, so the application has a logging
 * provider of its own. WEB-INF/classes holds the given test classes and a {@code monitordash.properties}
 * (zero-line mode). Deployed with Tomcat's {@code addWebapp} or Jetty's {@code WebAppContext}, each
 * application gets its own class loader, loading its own copy of MonitorDash, HikariCP and sqlite-jdbc
 * (with its own copy of the native SQLite library), exactly as two WARs in one container do.
 */
public final class ExplodedWar {

    private final Path root;

    private ExplodedWar(Path root) {
        this.root = root;
    }

    /**
     * @param properties the application's {@code monitordash.properties}
     * @param servlet    a servlet class of this module's tests, declared in web.xml at {@code /app/*} and {@code /stats}; its
     *                   nested classes are copied with it
     */
    public static ExplodedWar build(Path root, Properties properties, Class<?> servlet) {
        try {
            Path lib = Files.createDirectories(root.resolve("WEB-INF/lib"));
            Path classes = Files.createDirectories(root.resolve("WEB-INF/classes"));
            for (Path entry : runtimeClassPath()) {
                if (Files.isDirectory(entry)) {
                    // A reactor module's target/classes: packed as its jar would be.
                    jar(entry, lib.resolve(entry.getParent().getParent().getFileName() + ".jar"));
                } else {
                    Files.copy(entry, lib.resolve(entry.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            copyClass(servlet, classes);
            try (OutputStream out = Files.newOutputStream(classes.resolve("monitordash.properties"))) {
                properties.store(out, "zero-line mode");
            }
            Files.writeString(root.resolve("WEB-INF/web.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
                      <servlet>
                        <servlet-name>app</servlet-name>
                        <servlet-class>%s</servlet-class>
                      </servlet>
                      <servlet-mapping>
                        <servlet-name>app</servlet-name>
                        <url-pattern>/app/*</url-pattern>
                        <url-pattern>/stats</url-pattern>
                      </servlet-mapping>
                    </web-app>
                    """.formatted(servlet.getName()), StandardCharsets.UTF_8);
            return new ExplodedWar(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Declares {@code listener} in web.xml, as an application that binds in code does (for containers
     * that run no ServletContainerInitializer from WEB-INF/lib). It must be a nested class of the servlet,
     * so that it was copied with it.
     */
    public ExplodedWar withBindingListener(Class<? extends jakarta.servlet.ServletContextListener> listener) {
        try {
            Path webXml = root.resolve("WEB-INF/web.xml");
            Files.writeString(webXml, Files.readString(webXml).replace("  <servlet>",
                    "  <listener><listener-class>" + listener.getName() + "</listener-class></listener>\n  <servlet>"));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds the jar that holds {@code type} to WEB-INF/lib, as an application bundles a library of its own
     * (a JDBC driver): loaded by the application's class loader, not the test's.
     */
    public ExplodedWar withLibraryOf(Class<?> type) {
        try {
            Path jar = codeSource(type);
            Files.copy(jar, root.resolve("WEB-INF/lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes {@code META-INF/MANIFEST.MF} at the application's root, as maven-war-plugin does, with this
     * {@code Implementation-Version} (null: without one, as the plugin writes by default).
     */
    public ExplodedWar withManifest(String implementationVersion) {
        java.util.jar.Manifest m = new java.util.jar.Manifest();
        m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().putValue("Created-By", "Maven WAR Plugin");
        if (implementationVersion != null) {
            m.getMainAttributes().put(java.util.jar.Attributes.Name.IMPLEMENTATION_VERSION, implementationVersion);
        }
        try (OutputStream out = Files.newOutputStream(Files.createDirectories(root.resolve("META-INF"))
                .resolve("MANIFEST.MF"))) {
            m.write(out);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a file to WEB-INF/classes, e.g. the {@code git.properties} a build plugin writes. */
    public ExplodedWar withClassPathFile(String name, String content) {
        try {
            Path file = root.resolve("WEB-INF/classes").resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.ISO_8859_1);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** This module's class directory, its runtime dependencies, and slf4j-simple. */
    private static List<Path> runtimeClassPath() throws IOException {
        Path listing = Path.of("target", "webapp-class-path.txt");
        if (!Files.isRegularFile(listing)) {
            throw new IllegalStateException(listing.toAbsolutePath() + " is missing: the build writes it"
                    + " (maven-dependency-plugin build-classpath, phase generate-test-resources)");
        }
        List<Path> out = new ArrayList<>();
        out.add(codeSource(dev.monitordash.servlet.MonitoringDashboard.class));
        for (String entry : Files.readString(listing).strip().split(java.io.File.pathSeparator)) {
            out.add(Path.of(entry));
        }
        out.add(codeSource(org.slf4j.simple.SimpleLogger.class));
        return out;
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyClass(Class<?> type, Path classes) throws IOException {
        Path dir = codeSource(type);
        String packagePath = type.getPackageName().replace('.', '/');
        Path target = Files.createDirectories(classes.resolve(packagePath));
        try (Stream<Path> files = Files.list(dir.resolve(packagePath))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.equals(type.getSimpleName() + ".class") || name.startsWith(type.getSimpleName() + "$")) {
                    Files.copy(f, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void jar(Path dir, Path jarFile) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jarFile));
             Stream<Path> files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (f.equals(dir)) {
                    continue;
                }
                String name = dir.relativize(f).toString().replace(java.io.File.separatorChar, '/');
                if (Files.isDirectory(f)) {
                    out.putNextEntry(new JarEntry(name + "/"));
                } else {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(f, out);
                }
                out.closeEntry();
            }
        }
    }
}
