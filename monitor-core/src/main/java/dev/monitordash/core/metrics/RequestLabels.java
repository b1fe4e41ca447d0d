package dev.monitordash.core.metrics;

/**
 * The method and status labels of a request, from closed sets: every label value is a new time series in
 * Prometheus, and a method is whatever a client sends ({@code FOO /x HTTP/1.1} is a valid request). The
 * endpoint is already bounded by {@code monitordash.endpoints.max}; users and client addresses never become
 * labels.
 */
final class RequestLabels {

    static final String[] METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT",
            "other"};
    static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};

    /** Method × status class combinations of one endpoint. */
    static final int COMBINATIONS = METHODS.length * STATUS_CLASSES.length;

    private RequestLabels() {
    }

    /** Index into {@link #METHODS}; anything not a standard method (in any case) counts as "other". */
    static int method(String method) {
        if (method != null) {
            for (int i = 0; i < METHODS.length - 1; i++) {
                if (METHODS[i].equals(method)) { // exact first: the filter hands over the container's string
                    return i;
                }
            }
            for (int i = 0; i < METHODS.length - 1; i++) {
                if (METHODS[i].equalsIgnoreCase(method)) {
                    return i;
                }
            }
        }
        return METHODS.length - 1;
    }

    /** Index into {@link #STATUS_CLASSES}: 100-599 by their first digit, anything else "other". */
    static int statusClass(int status) {
        return status >= 100 && status <= 599 ? status / 100 - 1 : STATUS_CLASSES.length - 1;
    }

    /** Index of a method and status class into an endpoint's array of {@link #COMBINATIONS}. */
    static int combination(String method, int status) {
        return method(method) * STATUS_CLASSES.length + statusClass(status);
    }
}
