package dev.monitordash.core.query;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Day and hour buckets of the configured zone, computed in Java from UTC groups the database counts.
 * The rollups count by whole UTC hours when every offset the zone uses in the range is a whole number of
 * hours, and by quarter hours as well (India +5:30, Nepal +5:45): one
 * UTC group then always falls inside one local hour. Each group's start is converted with the zone's
 * rules, so a 23-hour day simply has no 02:00 group and a 25-hour day counts its repeated 02:00 twice
 * into the same hour-of-day cell; nothing is assumed about the length of a day.
 */
final class LocalBuckets {

    static final long HOUR_MICROS = 3_600_000_000L;
    static final long QUARTER_MICROS = HOUR_MICROS / 4;

    private LocalBuckets() {
    }

    /** Width in microseconds of the UTC groups for this zone and range. */
    static long groupMicros(ZoneId zone, TimeRange range) {
        ZoneRules rules = zone.getRules();
        if (!wholeHours(rules.getOffset(range.from()))) {
            return QUARTER_MICROS;
        }
        ZoneOffsetTransition t = rules.nextTransition(range.from());
        while (t != null && t.getInstant().isBefore(range.to())) {
            if (!wholeHours(t.getOffsetAfter())) {
                return QUARTER_MICROS;
            }
            t = rules.nextTransition(t.getInstant());
        }
        return HOUR_MICROS;
    }

    private static boolean wholeHours(ZoneOffset offset) {
        return offset.getTotalSeconds() % 3600 == 0;
    }

    /** Start of UTC group {@code group} of width {@code width} (floor division, also before 1970). */
    static Instant groupStart(long group, long width) {
        long micros = group * width;
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), 0);
    }
}
