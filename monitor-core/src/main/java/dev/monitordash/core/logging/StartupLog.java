package dev.monitordash.core.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

import java.io.PrintStream;

/**
 * The few lines a user must see (the startup summary with a generated password, a store that cannot be
 * written): through SLF4J, and also on {@code System.err} when SLF4J has no provider. A plain WAR on
 * Tomcat has none, and SLF4J then discards everything (its NOP fallback), so without this the generated
 * password would go nowhere and nobody could log in.
 */
public final class StartupLog {

    private StartupLog() {
    }

    public static void info(Logger log, String message) {
        log.info(message);
        fallback("INFO", message);
    }

    public static void warn(Logger log, String message) {
        log.warn(message);
        fallback("WARN", message);
    }

    public static void error(Logger log, String message) {
        log.error(message);
        fallback("ERROR", message);
    }

    /** True when SLF4J found no provider and logs nowhere. */
    public static boolean slf4jDiscards() {
        return LoggerFactory.getILoggerFactory() instanceof NOPLoggerFactory;
    }

    private static void fallback(String level, String message) {
        if (slf4jDiscards()) {
            PrintStream err = System.err;
            err.println("[MonitorDash] " + level + " " + message);
        }
    }
}
