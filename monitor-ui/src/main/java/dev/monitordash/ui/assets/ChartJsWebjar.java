package dev.monitordash.ui.assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Where Chart.js lives in its webjar. The version is read from the webjar's own {@code pom.properties},
 * so the one place it is written down is the parent pom ({@code chartjs.version}); pages refer to the
 * unversioned asset path {@code assets/vendor/chart.umd.js}, revalidated by ETag.
 */
public final class ChartJsWebjar {

    static final String POM_PROPERTIES = "META-INF/maven/org.webjars.npm/chart.js/pom.properties";
    private static final String DIST = "META-INF/resources/webjars/chart.js/%s/dist/";

    private ChartJsWebjar() {
    }

    /** The Chart.js version on the classpath, e.g. {@code 4.4.9}. */
    public static String version(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the Chart.js webjar (org.webjars.npm:chart.js) is not on the "
                        + "classpath; the dashboard needs it");
            }
            Properties p = new Properties();
            p.load(in);
            String version = p.getProperty("version");
            if (version == null || version.isBlank()) {
                throw new IllegalStateException(POM_PROPERTIES + " has no version");
            }
            return version.trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + POM_PROPERTIES, e);
        }
    }

    /** Classpath name of a file in the webjar's {@code dist} folder, e.g. {@code chart.umd.js}. */
    public static String distResource(ClassLoader loader, String file) {
        return String.format(DIST, version(loader)) + file;
    }
}
