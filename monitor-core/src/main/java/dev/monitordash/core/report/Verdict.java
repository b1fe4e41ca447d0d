package dev.monitordash.core.report;

/** What the report says of one endpoint. */
public enum Verdict {
    /** Fewer requests than the minimum on a side: not tested, no number shown. */
    NOT_ENOUGH_DATA("not enough data"),
    UNCHANGED("unchanged"),
    SLOWER("slower"),
    FASTER("faster"),
    /** One part significantly slower, another significantly faster (a faster median, a slower tail). */
    MIXED("mixed");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Slower or faster somewhere. */
    public boolean changed() {
        return this == SLOWER || this == FASTER || this == MIXED;
    }
}
