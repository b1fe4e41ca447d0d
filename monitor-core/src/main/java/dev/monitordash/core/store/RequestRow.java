package dev.monitordash.core.store;

/**
 * One request as the rollups see it: what the writer inserts, the background user rollups read back and
 * the V1 conversion moves. Ids, not strings; {@code userId} and {@code clientId} are 0 when unknown.
 *
 * @param id        the row's id, or 0 while the writer has not inserted it (the batch's id bounds are used)
 * @param startedAt epoch microseconds
 * @param duration  microseconds
 */
record RequestRow(long id, long endpointId, long startedAt, long duration, int status, long originId, long userId,
        long clientId) {

    static final long HOUR_MICROS = 3_600_000_000L;
    static final long DAY_MICROS = 86_400_000_000L;

    /** UTC hour number: the rollup_hour key. Times before 1970 are not stored, floor division anyway. */
    long hour() {
        return Math.floorDiv(startedAt, HOUR_MICROS);
    }

    /** UTC day number: the rollup_day, rollup_user and rollup_client key. */
    long day() {
        return Math.floorDiv(startedAt, DAY_MICROS);
    }

    /** Quarter of its hour, 0-3. */
    int quarter() {
        return (int) (Math.floorMod(startedAt, HOUR_MICROS) / (HOUR_MICROS / 4));
    }

    /** Hour of its UTC day, 0-23. */
    int hourOfDay() {
        return (int) (Math.floorMod(startedAt, DAY_MICROS) / HOUR_MICROS);
    }
}
