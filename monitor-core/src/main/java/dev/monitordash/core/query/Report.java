package dev.monitordash.core.query;

import java.util.List;

/**
 * Two versions, or two time intervals, compared for every endpoint with requests on both sides.
 *
 * @param before    the baseline side
 * @param after     the side compared with it
 * @param endpoints every compared endpoint, by name
 * @param slower    significantly slower endpoints (p &lt; {@link #ALPHA}), largest effect first
 * @param faster    significantly faster endpoints, largest effect first
 */
public record Report(Side before, Side after, List<EndpointChange> endpoints, List<EndpointChange> slower,
        List<EndpointChange> faster) {

    /** An endpoint changed significantly when the test's p-value is below this. */
    public static final double ALPHA = 0.05;
    /** The test runs on at most this many requests per side (FMD's median test takes 500 too). */
    public static final int SAMPLE_PER_SIDE = 500;

    /**
     * One side of the comparison: requests in the range, of one version or of all (null).
     */
    public record Side(String version, TimeRange range) {
    }

    /**
     * One endpoint's change from before to after. Times in milliseconds, exact over all requests of a
     * side; the test runs on a systematic sample of up to {@link #SAMPLE_PER_SIDE} per side.
     *
     * @param statusBefore requests per status class ("2xx", "3xx", "4xx", "5xx") before
     * @param statusAfter  the same after
     * @param test         Mann-Whitney U on the samples; {@code effect} &gt; 0 means slower after
     */
    public record EndpointChange(String endpoint, long requestsBefore, long requestsAfter, double medianBefore,
            double medianAfter, double p90Before, double p90After, java.util.Map<String, Long> statusBefore,
            java.util.Map<String, Long> statusAfter, MannWhitney.Result test, boolean significant) {

        /** Share of requests with status &ge; 400 before and after. */
        public double errorShareBefore() {
            return errorShare(statusBefore, requestsBefore);
        }

        public double errorShareAfter() {
            return errorShare(statusAfter, requestsAfter);
        }

        private static double errorShare(java.util.Map<String, Long> classes, long requests) {
            return (classes.getOrDefault("4xx", 0L) + classes.getOrDefault("5xx", 0L)) / (double) requests;
        }
    }
}
