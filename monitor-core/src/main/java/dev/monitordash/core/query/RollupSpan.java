package dev.monitordash.core.query;

/**
 * Which rollup rows a time range reads: its whole UTC days from {@code rollup_day} and the hours at either
 * end from {@code rollup_hour}, so that a 90-day range merges about 90 rows per endpoint and origin, not
 * 2 160. Range ends are rounded to the nearest whole hour: exact for the dashboard's ranges of local days
 * in zones with whole-hour offsets; in zones offset by 30 or 45 minutes a range's first and last half hour
 * may be counted in or out (counts over ranges use quarter hours, see {@link HourCounts}).
 *
 * @param firstHour first UTC hour number read
 * @param endHour   first UTC hour number not read
 * @param firstDay  first whole UTC day; days {@code [firstDay, endDay)} come from rollup_day
 * @param endDay    first day not read whole; empty day span when {@code endDay <= firstDay}
 */
record RollupSpan(long firstHour, long endHour, long firstDay, long endDay) {

    static final long HOUR_MICROS = 3_600_000_000L;
    static final long DAY_MICROS = 86_400_000_000L;
    static final int HOURS_PER_DAY = 24;

    static RollupSpan of(TimeRange range) {
        return ofMicros(range.fromMicros(), range.toMicros());
    }

    static RollupSpan ofMicros(long from, long to) {
        long firstHour = Math.floorDiv(from + HOUR_MICROS / 2, HOUR_MICROS);
        long endHour = Math.max(firstHour, Math.floorDiv(to + HOUR_MICROS / 2, HOUR_MICROS));
        long firstDay = Math.floorDiv(firstHour + HOURS_PER_DAY - 1, HOURS_PER_DAY);
        long endDay = Math.floorDiv(endHour, HOURS_PER_DAY);
        if (endDay <= firstDay) {
            return new RollupSpan(firstHour, endHour, firstDay, firstDay);
        }
        return new RollupSpan(firstHour, endHour, firstDay, endDay);
    }

    /** Hours before the whole days: {@code [firstHour, leadEnd)}. */
    long leadEnd() {
        return endDay > firstDay ? firstDay * HOURS_PER_DAY : endHour;
    }

    /** Hours after the whole days: {@code [trailStart, endHour)}; empty when there are no whole days. */
    long trailStart() {
        return endDay > firstDay ? endDay * HOURS_PER_DAY : endHour;
    }

    /** UTC days the range touches at all: {@code [firstTouchedDay, endTouchedDay)}, for daily user rollups. */
    long firstTouchedDay() {
        return Math.floorDiv(firstHour, HOURS_PER_DAY);
    }

    long endTouchedDay() {
        return Math.floorDiv(endHour + HOURS_PER_DAY - 1, HOURS_PER_DAY);
    }

    /**
     * SQL selecting the span's sketch rows of the given columns: whole days from rollup_day, then the hours
     * at either end from rollup_hour; {@code where} (may be empty) is ANDed to both. Parameters: see
     * {@link #params}.
     */
    static String union(String columns, String where) {
        String and = where.isEmpty() ? "" : " AND " + where;
        return "SELECT " + columns + " FROM rollup_day WHERE day >= ? AND day < ?" + and
                + " UNION ALL SELECT " + columns + " FROM rollup_hour WHERE ((hour >= ? AND hour < ?) "
                + "OR (hour >= ? AND hour < ?))" + and;
    }

    /** The parameters of {@link #union}, with the where clause's own after each part's. */
    Object[] params(Object... whereParams) {
        Object[] out = new Object[6 + 2 * whereParams.length];
        int i = 0;
        out[i++] = firstDay;
        out[i++] = endDay;
        for (Object p : whereParams) {
            out[i++] = p;
        }
        out[i++] = firstHour;
        out[i++] = leadEnd();
        out[i++] = trailStart();
        out[i++] = endHour;
        for (Object p : whereParams) {
            out[i++] = p;
        }
        return out;
    }
}
