package dev.monitordash.ui.api;

import dev.monitordash.core.query.TimeRange;
import dev.monitordash.core.query.TopN;
import dev.monitordash.ui.http.HttpError;
import jakarta.servlet.http.HttpServletRequest;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The query parameters of the analytics routes, each checked and refused with a 400 naming it. Ranges
 * are half-open {@code [from, to)}: a date means the start of that day in the configured zone for
 * {@code from}, and the end of that day for {@code to} (so {@code from=2025-06-01&to=2025-06-30} is all of
 * June); an instant ({@code 2025-06-19T17:47:56Z}, or with an offset) means itself.
 */
final class QueryParams {

    static final int DEFAULT_DAYS = 30;
    /** A bound on the work one request may ask for; a year and a month of history. */
    static final int MAX_DAYS = 400;
    static final int DEFAULT_TOP = 10;
    static final int MAX_TOP = 1_000;
    /** Longer user names cannot be chosen: a bound on what one query parameter may carry into SQL. */
    static final int MAX_USER_LENGTH = 1_000;

    /** A range and the local days it touches (for day-based charts). */
    record Range(TimeRange time, LocalDate firstDay, LocalDate lastDay) {
    }

    private final HttpServletRequest request;
    private final ZoneId zone;
    private final Clock clock;

    QueryParams(HttpServletRequest request, ZoneId zone, Clock clock) {
        this.request = request;
        this.zone = zone;
        this.clock = clock;
    }

    /** {@code from} and {@code to}; default the last 30 days including today. */
    Range range() {
        return range("from", "to");
    }

    Range range(String fromName, String toName) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        Instant from = instant(fromName, false, today.minusDays(DEFAULT_DAYS - 1L));
        Instant to = instant(toName, true, today);
        if (!to.isAfter(from)) {
            throw HttpError.badRequest("'" + toName + "' must be after '" + fromName + "'");
        }
        long days = Duration.between(from, to).toDays();
        if (Duration.between(from, to).compareTo(Duration.ofDays(MAX_DAYS).plusHours(2)) > 0) {
            throw HttpError.badRequest("the range '" + fromName + "' to '" + toName + "' may span at most " + MAX_DAYS
                    + " days, was " + days);
        }
        return new Range(new TimeRange(from, to), LocalDate.ofInstant(from, zone),
                LocalDate.ofInstant(to.minusNanos(1), zone));
    }

    /** A required instant: an ISO date (its start in the dashboard's zone) or instant; 400 naming it. */
    Instant at(String name) {
        required(name);
        return instant(name, false, null);
    }

    /** Whether any of the parameters is present. */
    boolean hasAny(String... names) {
        for (String n : names) {
            if (request.getParameter(n) != null) {
                return true;
            }
        }
        return false;
    }

    /** Stored times are epoch microseconds in a BIGINT: keep far-off years from overflowing them. */
    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    private Instant instant(String name, boolean end, LocalDate defaultDay) {
        Instant t = parse(name, end, defaultDay);
        if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
            throw HttpError.badRequest("'" + name + "' must lie between 1970 and 9999, was '"
                    + printable(request.getParameter(name)) + "'");
        }
        return t;
    }

    private Instant parse(String name, boolean end, LocalDate defaultDay) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return (end ? defaultDay.plusDays(1) : defaultDay).atStartOfDay(zone).toInstant();
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw HttpError.badRequest("'" + name + "' must be an ISO date (2025-06-19) or instant "
                    + "(2025-06-19T17:47:56Z), was '" + printable(value) + "'");
        }
    }

    /** A required non-empty text parameter. */
    String required(String name) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            throw HttpError.badRequest("'" + name + "' is required");
        }
        return value;
    }

    /** An optional text parameter; null when absent or empty. */
    String optional(String name) {
        String value = request.getParameter(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * The optional {@code user} the per-endpoint charts are narrowed to; null (absent or empty) for all
     * requests, including those recorded without a user, which no user name selects.
     */
    String user() {
        String value = optional("user");
        if (value != null && value.length() > MAX_USER_LENGTH) {
            throw HttpError.badRequest("'user' may be at most " + MAX_USER_LENGTH + " characters, was "
                    + value.length());
        }
        return value;
    }

    int integer(String name, int min, int max, int defaultValue) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HttpError.badRequest("'" + name + "' must be an integer " + min + "-" + max + ", was '"
                + printable(value) + "'");
    }

    /** A required positive id (a stored row's key). */
    long id(String name) {
        String value = required(name);
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw HttpError.badRequest("'" + name + "' must be a positive integer, was '" + printable(value) + "'");
    }

    /** {@code top} (1-1000, default 10) and {@code order} ({@code requests} or {@code slowest}). */
    TopN topN() {
        int n = integer("top", 1, MAX_TOP, DEFAULT_TOP);
        String order = request.getParameter("order");
        if (order == null || order.isEmpty() || order.equals("requests")) {
            return new TopN(n, TopN.Order.REQUESTS);
        }
        if (order.equals("slowest")) {
            return new TopN(n, TopN.Order.SLOWEST);
        }
        throw HttpError.badRequest("'order' must be 'requests' or 'slowest', was '" + printable(order) + "'");
    }

    /** One of the allowed values, lower case; the first is the default. */
    String choice(String name, String... allowed) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return allowed[0];
        }
        for (String a : allowed) {
            if (a.equals(value.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw HttpError.badRequest("'" + name + "' must be one of " + String.join(", ", allowed) + ", was '"
                + printable(value) + "'");
    }

    /** Echoes of user input stay short and on one line. */
    static String printable(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }
}
