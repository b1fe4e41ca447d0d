package dev.monitordash.core.alert.notify;

/**
 * Input of an alert rule, silence or receiver that cannot be used, naming the field (the JSON API answers
 * 400 with the message, which names it too).
 */
public final class FieldException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public FieldException(String field, String message) {
        super("'" + field + "' " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
