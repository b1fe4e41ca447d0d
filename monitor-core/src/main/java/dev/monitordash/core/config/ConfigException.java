package dev.monitordash.core.config;

/** A configuration value is missing or wrong; the message names the key and what it expects. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(String key, String message) {
        super("MonitorDash configuration key '" + key + "': " + message);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
