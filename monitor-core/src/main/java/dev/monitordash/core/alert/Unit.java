package dev.monitordash.core.alert;

/** What a metric's values and a rule's threshold are measured in. */
public enum Unit {
    MILLISECONDS("ms"),
    PERCENT("%"),
    PER_MINUTE("/min"),
    COUNT("");

    private final String symbol;

    Unit(String symbol) {
        this.symbol = symbol;
    }

    /** As written after a threshold, e.g. {@code 500ms}, {@code 5%}; empty for counts. */
    public String symbol() {
        return symbol;
    }
}
