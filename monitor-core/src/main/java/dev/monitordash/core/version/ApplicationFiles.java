package dev.monitordash.core.version;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Where a deployed application keeps the version its build wrote: files on its class path
 * ({@code META-INF/build-info.properties}, {@code git.properties}) and its own archive's manifest. Servlet-free:
 * the servlet module hands in a WAR's manifest, which is a resource of the servlet context, not of the
 * class path (a class loader's {@code META-INF/MANIFEST.MF} is whichever of its jars comes first).
 */
public interface ApplicationFiles {

    /** No files at all: only configuration and git can name the version. */
    ApplicationFiles NONE = new ApplicationFiles() {
        @Override
        public URL classPathResource(String name) {
            return null;
        }

        @Override
        public URL manifest() {
            return null;
        }
    };

    /**
     * The application's own copy of a class-path file, e.g. {@code git.properties}; null when it has none.
     * A copy inside a library jar ({@code WEB-INF/lib}, {@code BOOT-INF/lib}) is not the application's: some
     * libraries ship a git.properties of their own.
     */
    URL classPathResource(String name);

    /** {@code META-INF/MANIFEST.MF} of the application's own archive; null when there is none or it is unknown. */
    URL manifest();

    /** The class path of {@code loader}, and the manifest of the jar that {@code java -jar} started. */
    static ApplicationFiles of(ClassLoader loader) {
        return of(loader, ApplicationFiles::launchedJarManifest);
    }

    /** The class path of {@code loader}, and the manifest {@code manifest} finds (null: none). */
    static ApplicationFiles of(ClassLoader classLoader, Supplier<URL> manifest) {
        // A thread may have no context class loader; MonitorDash's own then sees the same class path.
        ClassLoader loader = classLoader != null ? classLoader : ApplicationFiles.class.getClassLoader();
        return new ApplicationFiles() {
            @Override
            public URL classPathResource(String name) {
                try {
                    Enumeration<URL> found = loader.getResources(name);
                    while (found.hasMoreElements()) {
                        URL url = found.nextElement();
                        if (!inLibraryJar(url)) {
                            return url;
                        }
                    }
                } catch (IOException e) {
                    // unreadable class path entries: as if the file were absent
                }
                return null;
            }

            @Override
            public URL manifest() {
                return manifest.get();
            }
        };
    }

    /**
     * The manifest of the jar {@code java -jar} started (a Spring Boot jar, a shaded jar): then the class path
     * is that one jar. Null otherwise: with several entries nothing says which is the application's.
     */
    static URL launchedJarManifest() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.isEmpty() || classPath.contains(File.pathSeparator)
                || !classPath.toLowerCase(Locale.ROOT).endsWith(".jar")) {
            return null;
        }
        Path jar = Path.of(classPath).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            return null;
        }
        try {
            return new URL("jar:" + jar.toUri() + "!/META-INF/MANIFEST.MF");
        } catch (MalformedURLException e) {
            return null;
        }
    }

    private static boolean inLibraryJar(URL url) {
        String s = url.toString();
        return s.contains("WEB-INF/lib/") || s.contains("BOOT-INF/lib/");
    }
}
