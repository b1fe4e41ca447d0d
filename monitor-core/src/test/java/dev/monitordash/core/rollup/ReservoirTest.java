package dev.monitordash.core.rollup;

import dev.monitordash.core.rollup.Reservoir.Stratum;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReservoirTest {

    @Test
    void keepsEveryValueUntilFull() {
        Reservoir r = new Reservoir(5);
        RandomGenerator random = new SplittableRandom(1);
        for (int i = 0; i < 3; i++) {
            r.offer(100 + i, i, random);
        }
        assertArrayEquals(new long[] {100, 101, 102}, r.values());
        assertEquals(3, r.size());
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        Reservoir r = new Reservoir(7);
        RandomGenerator random = new SplittableRandom(2);
        for (int i = 0; i < 1_000; i++) {
            r.offer(i, i, random);
        }
        assertEquals(7, r.size());
        assertEquals(7, Arrays.stream(r.values()).distinct().count());
    }

    /**
     * Algorithm R keeps each of n values with probability capacity / n, also when the stream arrives in
     * batches with the reservoir stored as bytes in between. Over 20 000 seeded streams of 40 values in
     * three batches, each position's count of being kept is compared with its expectation 4 000:
     * each within 5 standard deviations, and their chi-square-like sum within 4 of its own.
     */
    @Test
    void eachPositionOfABatchedStreamIsKeptWithProbabilityCapacityOverN() {
        int n = 40;
        int capacity = 8;
        int runs = 20_000;
        long[] kept = new long[n];
        SplittableRandom random = new SplittableRandom(42);
        for (int run = 0; run < runs; run++) {
            byte[] stored = new Reservoir(capacity).encode();
            for (int[] batch : new int[][] {{0, 5}, {5, 23}, {23, n}}) {
                Reservoir r = Reservoir.decode(stored, capacity);
                for (int position = batch[0]; position < batch[1]; position++) {
                    r.offer(position, position, random);
                }
                stored = r.encode();
            }
            for (long position : Reservoir.decode(stored, capacity).values()) {
                kept[(int) position]++;
            }
        }
        double p = (double) capacity / n;
        double expected = runs * p;
        double sd = Math.sqrt(runs * p * (1 - p));
        double chi = 0;
        for (int position = 0; position < n; position++) {
            assertTrue(Math.abs(kept[position] - expected) < 5 * sd,
                    "position " + position + " kept " + kept[position] + " times, expected " + expected);
            chi += Math.pow(kept[position] - expected, 2) / (sd * sd);
        }
        // Each term is about a squared standard normal: the sum about n ± sqrt(2n).
        assertTrue(chi < n + 4 * Math.sqrt(2.0 * n), "chi-square " + chi + " over " + n + " positions");
    }

    @Test
    void continuingAfterEncodeAndDecodeSamplesAsIfNeverStopped() {
        long[] stream = LongStream.range(0, 5_000).map(i -> i * 37 % 10_007).toArray();
        Reservoir whole = new Reservoir(100);
        RandomGenerator a = new SplittableRandom(7);
        for (int i = 0; i < stream.length; i++) {
            whole.offer(stream[i], i, a);
        }
        byte[] stored = new Reservoir(100).encode();
        RandomGenerator b = new SplittableRandom(7);
        for (int start = 0; start < stream.length; start += 333) {
            Reservoir part = Reservoir.decode(stored, 100);
            for (int i = start; i < Math.min(start + 333, stream.length); i++) {
                part.offer(stream[i], i, b);
            }
            stored = part.encode();
        }
        assertArrayEquals(whole.values(), Reservoir.decode(stored, 100).values());
    }

    @Test
    void encodeAndDecodeKeepTheValuesInSlotOrder() {
        Reservoir r = new Reservoir(10);
        long[] values = {0, 1, 127, 128, 16_384, 1_000_000_000, Long.MAX_VALUE};
        for (int i = 0; i < values.length; i++) {
            r.offer(values[i], i, new SplittableRandom(0));
        }
        assertArrayEquals(values, Reservoir.decode(r.encode(), 10).values());
        assertEquals(0, Reservoir.decode(new Reservoir(3).encode(), 3).size());
    }

    /* Measured: 500 durations from 1 to 60 ms take 1 181 bytes, 2.4 a value; empty 6 bytes. */
    @Test
    void encodingIsAboutThreeBytesAValue() {
        Reservoir r = new Reservoir(500);
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            r.offer(Math.round(Math.exp(9 + random.nextDouble(-2, 2))), i, random);
        }
        int size = r.encode().length;
        System.out.println("reservoir of 500: " + size + " bytes");
        assertTrue(size <= 500 * 3 + 8, size + " bytes");
        assertEquals(6, new Reservoir(500).encode().length);
    }

    @Test
    void corruptBytesAreRefused() {
        Reservoir r = new Reservoir(20);
        for (int i = 0; i < 20; i++) {
            r.offer(1_000 + i, i, new SplittableRandom(0));
        }
        byte[] bytes = r.encode();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(RollupFormatException.class, () -> Reservoir.decode(cut, 20), "length " + length);
        }
        for (int bit = 0; bit < 8 * bytes.length; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(RollupFormatException.class, () -> Reservoir.decode(flipped, 20), "bit " + bit);
        }
        assertThrows(RollupFormatException.class, () -> Reservoir.decode(null, 20));
        SplittableRandom random = new SplittableRandom(31);
        for (int i = 0; i < 5_000; i++) {
            byte[] garbage = new byte[random.nextInt(1, 40)];
            random.nextBytes(garbage);
            garbage[0] = 1;
            assertThrows(RollupFormatException.class, () -> Reservoir.decode(garbage, 20));
        }
    }

    @Test
    void moreValuesThanTheCapacityAreRefused() {
        Reservoir r = new Reservoir(5);
        for (int i = 0; i < 5; i++) {
            r.offer(i, i, new SplittableRandom(0));
        }
        RollupFormatException e = assertThrows(RollupFormatException.class, () -> Reservoir.decode(r.encode(), 4));
        assertTrue(e.getMessage().contains("number of values 5"), e.getMessage());
    }

    @Test
    void impossibleFieldsBehindAValidChecksumAreRefused() {
        ByteWriter trailing = new ByteWriter(Reservoir.FORMAT, 8);
        trailing.varint(1);
        trailing.varint(5);
        trailing.varint(6);
        assertThrows(RollupFormatException.class, () -> Reservoir.decode(trailing.toByteArray(), 10));
        ByteWriter missing = new ByteWriter(Reservoir.FORMAT, 8);
        missing.varint(3);
        missing.varint(5);
        assertThrows(RollupFormatException.class, () -> Reservoir.decode(missing.toByteArray(), 10));
    }

    @Test
    void stratifiedDrawsInProportionToPopulationsWithoutReplacement() {
        List<Stratum> strata = List.of(stratum(6_000, 0, 500), stratum(3_000, 1, 500), stratum(1_000, 2, 500));
        long[] sample = Reservoir.stratified(strata, 500, new SplittableRandom(3));
        assertEquals(500, sample.length);
        assertEquals(500, Arrays.stream(sample).distinct().count());
        assertEquals(300, Arrays.stream(sample).filter(v -> v / 1_000_000 == 0).count());
        assertEquals(150, Arrays.stream(sample).filter(v -> v / 1_000_000 == 1).count());
        assertEquals(50, Arrays.stream(sample).filter(v -> v / 1_000_000 == 2).count());
    }

    @Test
    void aStratumWithASmallerSampleGivesAllOfIt() {
        List<Stratum> strata = List.of(stratum(9_000, 0, 100), stratum(1_000, 1, 500), stratum(0, 2, 0));
        long[] sample = Reservoir.stratified(strata, 500, new SplittableRandom(3));
        assertEquals(100, Arrays.stream(sample).filter(v -> v / 1_000_000 == 0).count());
        assertEquals(50, Arrays.stream(sample).filter(v -> v / 1_000_000 == 1).count());
        assertEquals(150, sample.length);
    }

    @Test
    void sharesAreRoundedSoThatTheyAddUpToTheSize() {
        // round(2.5) + round(2.5) would be 6 > 5; 3.33 three times would round to 9 < 10.
        assertArrayEquals(new int[] {3, 2}, Reservoir.quotas(List.of(stratum(10, 0, 0), stratum(10, 1, 0)), 5));
        assertArrayEquals(new int[] {4, 3, 3},
                Reservoir.quotas(List.of(stratum(1, 0, 0), stratum(1, 1, 0), stratum(1, 2, 0)), 10));
        assertArrayEquals(new int[] {1, 2, 7},
                Reservoir.quotas(List.of(stratum(14, 0, 0), stratum(16, 1, 0), stratum(70, 2, 0)), 10));
        // Populations near Long.MAX_VALUE / 2 do not overflow the arithmetic.
        assertArrayEquals(new int[] {250, 250},
                Reservoir.quotas(List.of(stratum(Long.MAX_VALUE / 2, 0, 0), stratum(Long.MAX_VALUE / 2, 1, 0)), 500));
        assertEquals(0, Reservoir.stratified(List.of(stratum(0, 0, 5)), 10, new SplittableRandom(1)).length);
        assertEquals(0, Reservoir.stratified(List.of(), 10, new SplittableRandom(1)).length);
    }

    @Test
    void eachValueOfAStratumsSampleIsDrawnWithEqualProbability() {
        List<Stratum> strata = List.of(stratum(3, 0, 10), stratum(7, 1, 10));
        long[] drawn = new long[10];
        SplittableRandom random = new SplittableRandom(11);
        int runs = 20_000;
        for (int run = 0; run < runs; run++) {
            for (long v : Reservoir.stratified(strata, 10, random)) {
                if (v / 1_000_000 == 0) {
                    drawn[(int) (v % 1_000_000)]++;
                }
            }
        }
        // 3 of the first stratum's 10 values each time: each with probability 0.3.
        double sd = Math.sqrt(runs * 0.3 * 0.7);
        for (int i = 0; i < 10; i++) {
            assertTrue(Math.abs(drawn[i] - runs * 0.3) < 5 * sd, "value " + i + " drawn " + drawn[i] + " times");
        }
    }

    @Test
    void stratifiedIsDeterministicForASeed() {
        List<Stratum> strata = List.of(stratum(500, 0, 300), stratum(700, 1, 300));
        long[] one = Reservoir.stratified(strata, 200, new SplittableRandom(9));
        assertArrayEquals(one, Reservoir.stratified(strata, 200, new SplittableRandom(9)));
        assertFalse(Arrays.equals(one, Reservoir.stratified(strata, 200, new SplittableRandom(10))));
        Set<Long> pool = new HashSet<>();
        strata.forEach(s -> Arrays.stream(s.sample()).forEach(pool::add));
        assertTrue(Arrays.stream(one).allMatch(pool::contains));
    }

    @Test
    void invalidArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Reservoir(0));
        assertThrows(IllegalArgumentException.class, () -> new Reservoir(3).offer(-1, 0, new SplittableRandom(1)));
        assertThrows(IllegalArgumentException.class, () -> new Stratum(-1, new long[0]));
        assertThrows(IllegalArgumentException.class, () -> Reservoir.stratified(List.of(), -1, new SplittableRandom(1)));
    }

    /** A stratum whose sample holds the values id·10⁶ + 0, 1, 2, ... so that draws can be traced back. */
    private static Stratum stratum(long population, int id, int sampleSize) {
        return new Stratum(population, LongStream.range(0, sampleSize).map(i -> id * 1_000_000L + i).toArray());
    }
}
