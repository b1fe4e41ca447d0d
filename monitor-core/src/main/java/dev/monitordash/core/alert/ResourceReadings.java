package dev.monitordash.core.alert;

import java.util.Map;

/**
 * The host and JVM figures resource rules compare: one reading per evaluation. Today {@link HostResources}
 * reads OSHI and JMX directly; a time series of resources can answer it instead (averaging over the rule's
 * window) without the rules changing.
 */
public interface ResourceReadings {

    /**
     * The current value of each resource metric this platform can read ({@link Metric.Source#RESOURCE}), in
     * the metric's unit; a metric that cannot be read is left out (its alerts see "no data").
     */
    Map<Metric, Double> read();

    /**
     * The values over a rule's window, where the readings keep a history ({@link SampledResources}: the
     * mean of the window's samples); a reading without history answers the current values.
     */
    default Map<Metric, Double> read(java.time.Duration window) {
        return read();
    }
}
