package dev.monitordash.core.report;

/** The parts of a distribution of durations the report tests: its centre and its tail. */
public enum Part {
    MEDIAN("median", 0.5),
    P90("p90", 0.9),
    P99("p99", 0.99);

    private final String label;
    private final double quantile;

    Part(String label, double quantile) {
        this.label = label;
        this.quantile = quantile;
    }

    /** As the page and the API name it: "median", "p90", "p99". */
    public String label() {
        return label;
    }

    public double quantile() {
        return quantile;
    }

    /** Requests a side (or an hour's stratum) needs for its quantile to rest on 10 requests above it. */
    long minRequests() {
        return this == MEDIAN ? 20 : Math.round(TailTest.MIN_EXPECTED_ABOVE / (1 - quantile));
    }
}
