package dev.monitordash.ui.api;

import dev.monitordash.core.endpoint.MonitoringLevel;

import java.util.List;

/** The monitoring levels as the UI names them; sent with the rules table so the names live in one place. */
public final class Levels {

    /** One level: its number, short name and what it records. */
    public record Level(int value, String name, String description) {
    }

    public static final List<Level> ALL = List.of(
            new Level(MonitoringLevel.OFF, "off", "not monitored"),
            new Level(MonitoringLevel.PERFORMANCE, "performance", "execution time, status, user and version"),
            new Level(MonitoringLevel.OUTLIERS, "outliers", "adds stacks and request data of slow requests"),
            new Level(MonitoringLevel.PROFILER, "profiler", "adds the sampling profiler"));

    private Levels() {
    }

    /** For error messages: {@code 0 off, 1 performance, ...}. */
    static String describe() {
        StringBuilder sb = new StringBuilder();
        for (Level l : ALL) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(l.value()).append(' ').append(l.name());
        }
        return sb.toString();
    }
}
