package dev.monitordash.core.resource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Resource series over a range, one per instance (service and instance name; the samples of every version
 * an instance ran are one series), each point the summary of one step.
 *
 * @param stepSeconds the width of every point; 0 when there are no points
 */
public record ResourceHistory(Instant from, Instant to, long stepSeconds, List<Series> instances) {

    /** About this many points per series at most: a chart's width in pixels, not more. */
    public static final int MAX_POINTS = 720;

    /** Steps a range is cut into, smallest first: round numbers on a time axis. */
    public static final long[] STEPS = {10, 20, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400};

    /** Where a range's points come from. */
    public enum Source {
        SAMPLES(0), MINUTES(60), HOURS(3600);

        /** The span of a summary row; 0 for raw samples. */
        public final int span;

        Source(int span) {
            this.span = span;
        }
    }

    /** Whether {@code seconds} is one of {@link #STEPS}. */
    public static boolean isStep(long seconds) {
        for (long s : STEPS) {
            if (s == seconds) {
                return true;
            }
        }
        return false;
    }

    /** Raw samples up to 3 hours, minutes up to 8 days, hours beyond. */
    public static Source sourceFor(Duration range) {
        if (range.compareTo(Duration.ofHours(3)) <= 0) {
            return Source.SAMPLES;
        }
        return range.compareTo(Duration.ofDays(8)) <= 0 ? Source.MINUTES : Source.HOURS;
    }

    /** The smallest round step that keeps the range within {@link #MAX_POINTS}, at least the source's span. */
    public static long stepFor(Duration range, Source source) {
        long seconds = Math.max(1, range.toSeconds());
        for (long step : STEPS) {
            if (step >= source.span && seconds / step <= MAX_POINTS) {
                return step;
            }
        }
        return STEPS[STEPS.length - 1];
    }

    /** One instance's points, oldest first. */
    public record Series(String service, String instance, List<Point> points) {
    }

    /** One step: its start and the summary of the samples in it. */
    public record Point(Instant at, ResourceSummary summary) {
    }
}
