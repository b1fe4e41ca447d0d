package dev.monitordash.core.rollup;

import java.util.Arrays;

/**
 * Per UTC hour (0–23) of one day: how many requests, the sum of their durations and the shortest and
 * longest, in microseconds. An endpoint-day's rollup carries it so that hourly figures (counts, averages,
 * extremes) come from one row per endpoint and day instead of from its requests.
 */
public final class HourSlots {

    public static final int HOURS = 24;

    static final BlobFormat FORMAT = new BlobFormat("hour slots", (byte) 'H', 2, 1);

    private final long[] count = new long[HOURS];
    private final long[] sum = new long[HOURS];
    private final long[] min = new long[HOURS];
    private final long[] max = new long[HOURS];

    public HourSlots() {
        Arrays.fill(min, Long.MAX_VALUE);
    }

    public void add(int hour, long micros) {
        check(hour);
        if (micros < 0) {
            throw new IllegalArgumentException("duration " + micros + " µs is negative");
        }
        count[hour]++;
        sum[hour] += micros;
        min[hour] = Math.min(min[hour], micros);
        max[hour] = Math.max(max[hour], micros);
    }

    /** Adds all of {@code other}'s requests to this; {@code other} is unchanged. */
    public void merge(HourSlots other) {
        for (int h = 0; h < HOURS; h++) {
            count[h] += other.count[h];
            sum[h] += other.sum[h];
            min[h] = Math.min(min[h], other.min[h]);
            max[h] = Math.max(max[h], other.max[h]);
        }
    }

    public long count(int hour) {
        return count[check(hour)];
    }

    /** Sum of the hour's durations, µs. */
    public long sum(int hour) {
        return sum[check(hour)];
    }

    /** Shortest duration of the hour, µs; 0 when the hour has no request. */
    public long min(int hour) {
        return count[check(hour)] == 0 ? 0 : min[hour];
    }

    /** Longest duration of the hour, µs; 0 when the hour has no request. */
    public long max(int hour) {
        return max[check(hour)];
    }

    public boolean isEmpty() {
        for (long n : count) {
            if (n > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Format version 2, framed by {@link BlobFormat} (version byte, fields, checksum); the fields are
     * varints: a bit mask of the hours with requests (bit h for hour h), then per such hour ascending its
     * count and then what the count leaves unknown: one request, its duration; two, the shorter and the
     * difference (their sum follows); more, the sum, min and max − min. Per-user rows mostly hold an hour or
     * two of one or two requests, where this saves a third of version 1's bytes (docs/storage.md). Measured:
     * an empty day 6 bytes, 3 hours of 200 requests 40, all 24 hours 273 ({@code HourSlotsTest}).
     */
    public byte[] encode() {
        int mask = 0;
        for (int h = 0; h < HOURS; h++) {
            if (count[h] > 0) {
                mask |= 1 << h;
            }
        }
        ByteWriter out = new ByteWriter(FORMAT, 4 + 10 * Integer.bitCount(mask));
        out.varint(mask);
        for (int h = 0; h < HOURS; h++) {
            if (count[h] == 1) {
                out.varint(1);
                out.varint(sum[h]);
            } else if (count[h] == 2) {
                out.varint(2);
                out.varint(min[h]);
                out.varint(max[h] - min[h]);
            } else if (count[h] > 2) {
                out.varint(count[h]);
                out.varint(sum[h]);
                out.varint(min[h]);
                out.varint(max[h] - min[h]);
            }
        }
        return out.toByteArray();
    }

    /**
     * Reads what {@link #encode} wrote, or version 1 (every hour as count, sum, min, max − min); anything
     * else, or an hour whose figures contradict each other, fails.
     */
    public static HourSlots decode(byte[] bytes) {
        ByteReader in = ByteReader.open(bytes, FORMAT);
        boolean v1 = in.version() == 1;
        HourSlots slots = new HourSlots();
        long mask = in.varint("hour mask", 0, (1L << HOURS) - 1);
        for (int h = 0; h < HOURS; h++) {
            if ((mask & (1L << h)) != 0) {
                long n = in.varint("count", 1, Long.MAX_VALUE);
                long s;
                long lo;
                long hi;
                if (!v1 && n == 1) {
                    s = in.varint();
                    lo = s;
                    hi = s;
                } else if (!v1 && n == 2) {
                    lo = in.varint("min", 0, Long.MAX_VALUE / 2);
                    hi = lo + in.varint("max - min", 0, Long.MAX_VALUE / 2 - lo);
                    s = lo + hi;
                } else {
                    s = in.varint();
                    lo = in.varint();
                    hi = lo + in.varint("max - min", 0, Long.MAX_VALUE - lo);
                    // The mean lies between min and max (written without multiplying, which could overflow).
                    if (s / n < lo || s / n + (s % n == 0 ? 0 : 1) > hi) {
                        throw in.corrupt("hour " + h + ": sum " + s + " of " + n + " outside [min " + lo + ", max "
                                + hi + "]");
                    }
                }
                slots.count[h] = n;
                slots.sum[h] = s;
                slots.min[h] = lo;
                slots.max[h] = hi;
            }
        }
        in.end();
        return slots;
    }

    private static int check(int hour) {
        if (hour < 0 || hour >= HOURS) {
            throw new IllegalArgumentException("hour " + hour + " is not in 0..23");
        }
        return hour;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HourSlots other && Arrays.equals(count, other.count) && Arrays.equals(sum, other.sum)
                && Arrays.equals(min, other.min) && Arrays.equals(max, other.max);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(count) + Arrays.hashCode(sum);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("HourSlots[");
        for (int h = 0; h < HOURS; h++) {
            if (count[h] > 0) {
                b.append(b.length() > 10 ? ", " : "").append(h).append("h: ").append(count[h]).append(" in ")
                        .append(min[h]).append('-').append(max[h]).append(" µs");
            }
        }
        return b.append(']').toString();
    }
}
