package dev.monitordash.core.query;

/** A query named an endpoint the store has never recorded; the dashboard answers 400 with this message. */
public final class UnknownEndpointException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String endpoint;

    public UnknownEndpointException(String endpoint) {
        super("unknown endpoint: " + endpoint);
        this.endpoint = endpoint;
    }

    public String endpoint() {
        return endpoint;
    }
}
