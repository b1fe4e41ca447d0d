package dev.monitordash.core.query;

import java.util.List;

/**
 * CPU load per logical processor across an endpoint's outliers: one box per processor ({@code label}
 * "CPU 0", "CPU 1", ...), values in percent (0-100) as the watchdog's system sample had them at each
 * capture.
 *
 * @param outliers how many outliers with CPU values the boxes are made of
 */
public record OutlierCpu(String endpoint, int outliers, List<BoxPlot> cores) {

    public OutlierCpu {
        cores = List.copyOf(cores);
    }
}
