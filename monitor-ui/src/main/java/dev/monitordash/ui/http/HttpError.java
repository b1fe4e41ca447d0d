package dev.monitordash.ui.http;

import java.util.Map;

/**
 * A request the dashboard refuses, with the status and the message the client sees. Thrown anywhere in
 * a route and turned into a response in one place ({@link Exchange#fail}), so no route can leak a stack
 * trace or answer bad input with a 500.
 */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Map<String, String> headers;
    private final transient Map<String, Object> details;

    public HttpError(int status, String message) {
        this(status, message, Map.of(), Map.of());
    }

    public HttpError(int status, String message, Map<String, String> headers, Map<String, Object> details) {
        super(message, null, false, false); // no stack trace: this is an answer, not a fault
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.details = Map.copyOf(details);
    }

    public static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }

    public static HttpError unauthorized() {
        return new HttpError(401, "login required");
    }

    public static HttpError forbidden(String message) {
        return new HttpError(403, message);
    }

    public static HttpError notFound() {
        return new HttpError(404, "not found");
    }

    public static HttpError methodNotAllowed(String... allowed) {
        return new HttpError(405, "method not allowed", Map.of("Allow", String.join(", ", allowed)), Map.of());
    }

    public int status() {
        return status;
    }

    /** Extra response headers, e.g. {@code Allow} or {@code Retry-After}. */
    public Map<String, String> headers() {
        return headers;
    }

    /** Extra fields of the JSON error body besides {@code error}. */
    public Map<String, Object> details() {
        return details;
    }
}
