package dev.monitordash.ui.api;

import dev.monitordash.core.Monitor;
import dev.monitordash.core.error.ErrorGroup;
import dev.monitordash.core.error.ErrorGroupDetail;
import dev.monitordash.core.error.ErrorGroups;
import dev.monitordash.core.query.TimeRange;
import dev.monitordash.ui.http.Exchange;
import dev.monitordash.ui.http.HttpError;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * The GET routes behind the Errors page; documented in {@code docs/api.md}. {@code api/errors} lists the
 * causes of a range, {@code api/error} is one cause with its stack, {@code api/errors/first-seen} the
 * causes a version brought (or that appeared since an instant).
 */
final class ErrorRoutes {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final int MAX_VERSION_LENGTH = 255;

    private final Monitor monitor;
    private final Clock clock;

    ErrorRoutes(Monitor monitor, Clock clock) {
        this.monitor = monitor;
        this.clock = clock;
    }

    record Group(long id, String fingerprint, String exception, String rootCause, String message, String frame,
            long occurrences, long total, String firstSeen, String lastSeen, List<String> versions,
            List<String> endpoints, List<Day> days) {
    }

    record Day(String day, long occurrences) {
    }

    record ListView(String from, String to, String timezone, List<Group> groups) {
    }

    record Version(String version, long occurrences, String firstSeen, String lastSeen) {
    }

    record Detail(Group group, String stack, List<Version> versions, List<ErrorGroupDetail.EndpointCount> endpoints) {
    }

    record FirstSeen(long id, String exception, String frame, String version, String firstSeen,
            long occurrencesInVersion) {
    }

    boolean handle(Exchange ex) throws IOException {
        String path = ex.path();
        if (!path.equals("/api/errors") && !path.equals("/api/error") && !path.equals("/api/errors/first-seen")) {
            return false;
        }
        ex.requireMethod("GET");
        ZoneId zone = monitor.config().timezone();
        QueryParams p = new QueryParams(ex.request(), zone, clock);
        ErrorGroups errors = monitor.errors();
        switch (path) {
            case "/api/errors": {
                TimeRange range = p.range().time();
                int limit = p.integer("limit", 1, MAX_LIMIT, DEFAULT_LIMIT);
                List<Group> groups = errors.groups(range, zone, limit).stream().map(ErrorRoutes::group).toList();
                ex.json(200, new ListView(range.from().toString(), range.to().toString(), zone.getId(), groups));
                break;
            }
            case "/api/error": {
                long id = p.id("id");
                TimeRange range = p.range().time();
                ErrorGroupDetail d = errors.group(id, range, zone).orElseThrow(() ->
                        new HttpError(404, "no error group " + id + " (retention may have deleted it)"));
                ex.json(200, new Detail(group(d.group()), d.stack(), d.versions().stream()
                        .map(v -> new Version(v.version(), v.occurrences(), v.firstSeen().toString(),
                                v.lastSeen().toString())).toList(), d.endpoints()));
                break;
            }
            default: {
                String version = p.optional("version");
                boolean since = p.hasAny("since");
                if ((version == null) == !since) {
                    throw HttpError.badRequest("give exactly one of 'version' and 'since'");
                }
                List<ErrorGroups.FirstSeen> found;
                if (version != null) {
                    if (version.length() > MAX_VERSION_LENGTH) {
                        throw HttpError.badRequest("'version' may be at most " + MAX_VERSION_LENGTH
                                + " characters, was " + version.length());
                    }
                    found = errors.firstSeenIn(version);
                } else {
                    found = errors.firstSeenSince(p.at("since"));
                }
                ex.json(200, found.stream().map(f -> new FirstSeen(f.groupId(), f.exception(), f.frame(),
                        f.version(), f.firstSeen().toString(), f.occurrencesInVersion())).toList());
            }
        }
        return true;
    }

    static Group group(ErrorGroup g) {
        return new Group(g.id(), g.fingerprint(), g.exception(), g.rootCause(), g.message(), g.frame(),
                g.occurrences(), g.total(), g.firstSeen().toString(), g.lastSeen().toString(), g.versions(),
                g.endpoints(), g.days().stream().map(d -> new Day(d.day().toString(), d.occurrences())).toList());
    }
}
