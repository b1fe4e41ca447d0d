package dev.monitordash.core.tests;

/** A test run that breaks one of {@link TestLimits}; the message names the field, e.g. {@code results[3].displayName}. */
public final class InvalidTestRunException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidTestRunException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    /** The offending field's path in the run, as the HTTP API spells it. */
    public String field() {
        return field;
    }
}
