package dev.monitordash.ui.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.monitordash.core.Monitor;
import dev.monitordash.core.endpoint.Endpoint;
import dev.monitordash.core.endpoint.MonitoringLevel;
import dev.monitordash.ui.http.HttpError;
import dev.monitordash.ui.http.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT api/endpoints/level}: validates the body and hands it to {@link Monitor#changeLevel}, which
 * stores the level first and then applies it, so the next request of the endpoint sees it. Endpoint names
 * contain slashes, so the name travels in the JSON body rather than in the URL.
 */
final class LevelChange {

    private static final Logger LOG = LoggerFactory.getLogger(LevelChange.class);

    /** The answer: the endpoint and its level now. */
    record Result(String endpoint, int level) {
    }

    private final Monitor monitor;

    LevelChange(Monitor monitor) {
        this.monitor = monitor;
    }

    Result apply(JsonNode body, String byUser) {
        String name = Json.requiredText(body, "endpoint");
        int level = Json.requiredInt(body, "level");
        if (!MonitoringLevel.isValid(level)) {
            throw HttpError.badRequest("'level' must be 0-3 (" + Levels.describe() + "), was " + level);
        }
        Endpoint e = monitor.endpoints().find(name);
        if (e == null || e.kind() == Endpoint.Kind.INTERNAL) {
            throw HttpError.badRequest("unknown endpoint: " + name);
        }
        int before = e.level();
        try {
            monitor.changeLevel(name, level);
        } catch (IllegalArgumentException ex) {
            throw HttpError.badRequest(ex.getMessage());
        }
        LOG.info("MonitorDash: {} changed the monitoring level of {} from {} to {}",
                printable(byUser), printable(name), before, level);
        return new Result(name, e.level());
    }

    // Names can come from request paths; keep one log entry on one line.
    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
