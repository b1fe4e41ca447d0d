package dev.monitordash.core.rollup;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * A uniform random sample of at most {@code capacity} durations (µs) of a stream, kept between batches as
 * bytes: after n values each one of them is in the sample with probability capacity / n (Algorithm R,
 * Vitter 1985). The regression report's Mann-Whitney test needs such a sample of each side, and a stream
 * (one endpoint's day) arrives in many batches across restarts: the caller stores the stream's count
 * beside the bytes and passes it back as {@code seenBefore}, so sampling continues as if never stopped.
 */
public final class Reservoir {

    static final BlobFormat FORMAT = new BlobFormat("reservoir", (byte) 'R', 1);

    private final int capacity;
    private long[] values;
    private int size;

    public Reservoir(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("reservoir capacity " + capacity + " must be at least 1");
        }
        this.capacity = capacity;
        // Grown on demand: most endpoint-days see fewer requests than the capacity.
        this.values = new long[Math.min(capacity, 16)];
    }

    /**
     * Offers the stream's next duration.
     *
     * @param seenBefore how many values of the stream came before this one, in all batches, kept or not
     * @param random     the source of the choice; a seeded one makes the sample reproducible
     */
    public void offer(long micros, long seenBefore, RandomGenerator random) {
        if (micros < 0 || seenBefore < 0) {
            throw new IllegalArgumentException("duration " + micros + " µs after " + seenBefore + " values");
        }
        if (size < capacity) {
            // The first capacity values are all kept (also after a restart that lost a batch: refilling
            // first keeps the sample as large as it can be).
            if (size == values.length) {
                values = Arrays.copyOf(values, Math.min(capacity, 2 * size));
            }
            values[size++] = micros;
            return;
        }
        long slot = random.nextLong(seenBefore + 1);
        if (slot < capacity) {
            values[(int) slot] = micros;
        }
    }

    /** The sampled durations, in slot order (not sorted). */
    public long[] values() {
        return Arrays.copyOf(values, size);
    }

    public int size() {
        return size;
    }

    /**
     * Format version 1, framed by {@link BlobFormat} (version byte, fields, checksum); the fields are
     * varints: the number of values and the values in slot order. Measured: 500 durations of 1 to 60 ms
     * take 1 181 bytes ({@code ReservoirTest}).
     */
    public byte[] encode() {
        ByteWriter out = new ByteWriter(FORMAT, 2 + 3 * size);
        out.varint(size);
        for (int i = 0; i < size; i++) {
            out.varint(values[i]);
        }
        return out.toByteArray();
    }

    /**
     * Reads what {@link #encode} wrote into a reservoir of {@code capacity}. The capacity belongs to the
     * stored format's use (the report's sample size): bytes holding more values than it are refused,
     * since no prefix of them would be a uniform sample.
     */
    public static Reservoir decode(byte[] bytes, int capacity) {
        Reservoir reservoir = new Reservoir(capacity);
        ByteReader in = ByteReader.open(bytes, FORMAT);
        int size = (int) in.varint("number of values", 0, Math.min(capacity, in.remaining()));
        reservoir.values = new long[Math.max(size, Math.min(capacity, 16))];
        for (int i = 0; i < size; i++) {
            reservoir.values[i] = in.varint();
        }
        reservoir.size = size;
        in.end();
        return reservoir;
    }

    /**
     * A part of a population sampled separately, e.g. one endpoint's day.
     *
     * @param population how many values the part had
     * @param sample     a uniform sample of them (such as a {@link Reservoir}'s values); not copied
     */
    public record Stratum(long population, long[] sample) {
        public Stratum {
            if (population < 0 || sample == null) {
                throw new IllegalArgumentException("stratum of population " + population);
            }
        }
    }

    /**
     * A sample of at most {@code size} values of the union of the strata, each stratum in proportion to
     * its population: its quota size × population / total, rounded down or up so that the quotas add up
     * to exactly {@code size} (largest remainders, earlier strata first on ties; this is round(quota)
     * whenever those add up to size), drawn without replacement from its sample, or all of its sample
     * when that is smaller. Values come stratum by stratum, in the strata's order. Deterministic for a
     * seeded {@code random}.
     */
    public static long[] stratified(List<Stratum> strata, int size, RandomGenerator random) {
        if (size < 0) {
            throw new IllegalArgumentException("sample size " + size + " is negative");
        }
        int[] quota = quotas(strata, size);
        int total = 0;
        for (int i = 0; i < quota.length; i++) {
            quota[i] = Math.min(quota[i], strata.get(i).sample().length);
            total += quota[i];
        }
        long[] out = new long[total];
        int filled = 0;
        for (int i = 0; i < quota.length; i++) {
            // A partial Fisher-Yates shuffle of a copy: the first quota[i] are drawn without replacement.
            long[] pool = strata.get(i).sample().clone();
            for (int k = 0; k < quota[i]; k++) {
                int j = k + random.nextInt(pool.length - k);
                long picked = pool[j];
                pool[j] = pool[k];
                pool[k] = picked;
                out[filled++] = picked;
            }
        }
        return out;
    }

    /** Hamilton's apportionment of size among the populations, in exact integer arithmetic. */
    static int[] quotas(List<Stratum> strata, int size) {
        long total = 0;
        for (Stratum s : strata) {
            total = Math.addExact(total, s.population());
        }
        int[] quota = new int[strata.size()];
        if (total == 0) {
            return quota;
        }
        long[] remainder = new long[strata.size()];
        int left = size;
        BigInteger bigTotal = BigInteger.valueOf(total);
        for (int i = 0; i < quota.length; i++) {
            BigInteger[] qr = BigInteger.valueOf(size).multiply(BigInteger.valueOf(strata.get(i).population()))
                    .divideAndRemainder(bigTotal);
            quota[i] = qr[0].intValueExact();
            remainder[i] = qr[1].longValueExact();
            left -= quota[i];
        }
        // left < number of strata: the largest remainders get one more each (a stable sort keeps order on ties).
        int[] byRemainder = IntStream.range(0, quota.length).boxed()
                .sorted(Comparator.comparingLong((Integer i) -> remainder[i]).reversed())
                .mapToInt(Integer::intValue).toArray();
        for (int k = 0; k < left; k++) {
            quota[byRemainder[k]]++;
        }
        return quota;
    }
}
