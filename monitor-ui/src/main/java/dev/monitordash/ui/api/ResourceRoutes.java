package dev.monitordash.ui.api;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.resource.ResourceHistory;
import dev.monitordash.ui.http.Exchange;
import dev.monitordash.ui.http.HttpError;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code GET api/resources}: the resource series behind the Resources page and the endpoint page's CPU
 * chart; documented in {@code docs/api.md}. A range by name ({@code range=1h|24h|7d|30d}, ending now) or
 * by {@code from}/{@code to} as the other routes take it; {@code instance} narrows to one instance;
 * {@code step} asks for points of that many seconds.
 */
final class ResourceRoutes {

    static final int MAX_INSTANCE_LENGTH = 255;
    /** A step that would make more points than this per series is refused: a bound on one answer. */
    static final long MAX_POINTS_ASKED = 5_000;

    private final Monitor monitor;
    private final Clock clock;

    ResourceRoutes(Monitor monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    boolean handle(Exchange ex) throws IOException {
        if (!ex.path().equals("/api/resources")) {
            return false;
        }
        ex.requireMethod("GET");
        QueryParams p = new QueryParams(ex.request(), monitor.config().timezone(), clock);
        String name;
        Instant from;
        Instant to;
        if (p.hasAny("from", "to")) {
            if (p.optional("range") != null) {
                throw HttpError.badRequest("give either 'range' or 'from'/'to', not both");
            }
            name = null;
            from = p.range().time().from();
            to = p.range().time().to();
        } else {
            name = p.choice("range", "1h", "24h", "7d", "30d");
            to = clock.instant();
            from = to.minus(named(name));
        }
        String instance = p.optional("instance");
        if (instance != null && instance.length() > MAX_INSTANCE_LENGTH) {
            throw HttpError.badRequest("'instance' may be at most " + MAX_INSTANCE_LENGTH + " characters, was "
                    + instance.length());
        }
        long step = p.integer("step", 0, Integer.MAX_VALUE, 0);
        if (step != 0 && !ResourceHistory.isStep(step)) {
            throw HttpError.badRequest("'step' must be one of " + Arrays.stream(ResourceHistory.STEPS)
                    .mapToObj(Long::toString).collect(Collectors.joining(", ")) + " (seconds), was " + step);
        }
        if (step != 0 && Duration.between(from, to).toSeconds() / step > MAX_POINTS_ASKED) {
            throw HttpError.badRequest("'step' of " + step + " s makes more than " + MAX_POINTS_ASKED
                    + " points over this range; choose a larger one");
        }
        ResourceHistory history = monitor.store().resources().history(from, to, instance, step);
        ex.json(200, ResourceViews.of(name, history, monitor));
        return true;
    }

    private static Duration named(String range) {
        return switch (range) {
            case "24h" -> Duration.ofHours(24);
            case "7d" -> Duration.ofDays(7);
            case "30d" -> Duration.ofDays(30);
            default -> Duration.ofHours(1);
        };
    }
}
