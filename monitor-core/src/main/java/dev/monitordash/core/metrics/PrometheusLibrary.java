package dev.monitordash.core.metrics;

import dev.monitordash.core.config.ConfigException;
import dev.monitordash.core.config.ConfigKey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether the Prometheus Java library is there. Its jars are optional dependencies of MonitorDash, so that
 * applications that never enable the scrape route do not carry them; enabling the route without them must
 * stop startup with a message that says what to add, not fail at the first scrape with a
 * {@code NoClassDefFoundError}. This class names no Prometheus type, so it loads without the jars.
 */
public final class PrometheusLibrary {

    /** The version MonitorDash is built and tested with. */
    public static final String VERSION = "1.10.0";

    /** One class of each artifact MonitorDash uses, by artifact. */
    private static final Map<String, String> MARKERS = new LinkedHashMap<>();

    static {
        MARKERS.put("prometheus-metrics-core", "io.prometheus.metrics.core.metrics.Histogram");
        MARKERS.put("prometheus-metrics-exposition-textformats", "io.prometheus.metrics.expositionformats.ExpositionFormats");
        MARKERS.put("prometheus-metrics-instrumentation-jvm", "io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics");
    }

    private PrometheusLibrary() {
    }

    /**
     * @param loader the class loader MonitorDash's own classes resolve the library through
     * @throws ConfigException naming {@code monitordash.prometheus.enabled} and every missing artifact
     */
    public static void require(ClassLoader loader) {
        List<String> missing = new ArrayList<>();
        MARKERS.forEach((artifact, marker) -> {
            try {
                Class.forName(marker, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                missing.add("io.prometheus:" + artifact + ":" + VERSION);
            }
        });
        if (!missing.isEmpty()) {
            throw new ConfigException(ConfigKey.PROMETHEUS_ENABLED.property(), "is true, but the Prometheus Java"
                    + " library is not on the class path: add " + String.join(", ", missing) + " to the application"
                    + " (docs/prometheus.md), or set " + ConfigKey.PROMETHEUS_ENABLED.property() + "=false");
        }
    }
}
