package dev.monitordash.core.rollup;

import dev.monitordash.core.query.Quantiles;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DurationSketchTest {

    /** 1 %, plus the floating-point rounding of the mapping (measured: 9·10⁻¹⁸ over 1..3·10⁶ µs). */
    static final double TOLERANCE = DurationSketch.RELATIVE_ACCURACY * (1 + 1e-12);

    static Stream<Named<long[]>> dataSets() {
        List<Named<long[]>> sets = new ArrayList<>();
        for (double sigma : new double[] {0.25, 1, 2, 3}) {
            sets.add(Named.of("log-normal σ=" + sigma, logNormal(20_000, 9, sigma, 1)));
        }
        sets.add(Named.of("bimodal 2 ms / 800 ms", bimodal(20_000, 2)));
        sets.add(Named.of("constant 1234 µs", LongStream.generate(() -> 1_234).limit(5_000).toArray()));
        sets.add(Named.of("single 0 µs", new long[] {0}));
        sets.add(Named.of("single 1 µs", new long[] {1}));
        sets.add(Named.of("single 10⁹ µs", new long[] {1_000_000_000}));
        SplittableRandom random = new SplittableRandom(3);
        for (int n = 1; n <= 10; n++) {
            // Small counts over the whole range, with zeros and duplicates.
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextInt(4) == 0 ? 0 : (long) Math.pow(10, random.nextDouble(0, 9));
            }
            sets.add(Named.of(n + " values from 0 to 10⁹ µs", v));
        }
        sets.add(Named.of("0, 1 and 10⁹ µs", new long[] {0, 0, 1, 1, 1_000_000_000, 1_000_000_000, 7}));
        return sets.stream();
    }

    @ParameterizedTest
    @MethodSource("dataSets")
    void quantilesAreWithinOnePercentOfTheExactR7Quantile(long[] values) {
        DurationSketch sketch = sketchOf(values);
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        assertEquals(values.length, sketch.count());
        for (int percent = 0; percent <= 100; percent++) {
            double exact = Quantiles.of(sorted, percent, 100);
            double estimate = sketch.quantile(percent / 100.0);
            assertTrue(Math.abs(estimate - exact) <= TOLERANCE * exact,
                    "p" + percent + ": sketch " + estimate + " µs, exact " + exact + " µs");
        }
    }

    @Test
    void anEmptySketchHasNoQuantiles() {
        DurationSketch sketch = new DurationSketch();
        assertTrue(sketch.isEmpty());
        assertEquals(0, sketch.count());
        assertTrue(Double.isNaN(sketch.quantile(0.5)));
        assertTrue(DurationSketch.decode(sketch.encode()).isEmpty());
    }

    @Test
    void zeroMicrosecondsAreCountedExactlyInTheirOwnBin() {
        DurationSketch sketch = sketchOf(new long[] {0, 0, 0, 5_000});
        assertEquals(0.0, sketch.quantile(0.5));
        List<double[]> bins = bins(sketch);
        assertArrayEquals(new double[] {0, 0, 0, 3}, bins.get(0));
        assertEquals(2, bins.size());
    }

    @Test
    void binsAreAscendingAndEachValueIsWithinOnePercentOfItsBinsBounds() {
        DurationSketch sketch = sketchOf(logNormal(10_000, 8, 2, 5));
        List<double[]> bins = bins(sketch);
        long total = 0;
        for (int i = 0; i < bins.size(); i++) {
            double[] b = bins.get(i);
            assertTrue(b[0] <= b[2] && b[2] <= b[1], Arrays.toString(b));
            assertTrue(b[2] - b[0] <= TOLERANCE * b[0] && b[1] - b[2] <= TOLERANCE * b[1], Arrays.toString(b));
            if (i > 0) {
                assertTrue(bins.get(i - 1)[1] <= b[0], "bins overlap or are out of order at " + i);
            }
            total += (long) b[3];
        }
        assertEquals(10_000, total);
    }

    @Test
    void mergingPartsGivesTheSketchOfTheWhole() {
        long[] values = logNormal(30_000, 10, 1.5, 7);
        DurationSketch whole = sketchOf(values);
        DurationSketch merged = new DurationSketch();
        // Uneven parts, one empty, one of zeros only: as hours of very different traffic.
        int[] cuts = {0, 10, 10, 4_000, 17_000, 29_999, 30_000};
        for (int p = 0; p + 1 < cuts.length; p++) {
            merged.merge(sketchOf(Arrays.copyOfRange(values, cuts[p], cuts[p + 1])));
        }
        merged.merge(sketchOf(new long[] {0, 0}));
        whole.add(0);
        whole.add(0);
        assertEquals(whole.count(), merged.count());
        assertArrayEquals(whole.encode(), merged.encode());
        for (double q = 0; q <= 1; q += 0.05) {
            assertEquals(whole.quantile(q), merged.quantile(q), "q=" + q);
        }
    }

    @Test
    void mergeLeavesTheOtherSketchUnchanged() {
        DurationSketch other = sketchOf(new long[] {10, 20, 30});
        byte[] before = other.encode();
        sketchOf(new long[] {1_000}).merge(other);
        assertArrayEquals(before, other.encode());
    }

    @ParameterizedTest
    @MethodSource("dataSets")
    void encodeAndDecodeGiveTheSameSketch(long[] values) {
        DurationSketch sketch = sketchOf(values);
        DurationSketch back = DurationSketch.decode(sketch.encode());
        assertEquals(sketch.count(), back.count());
        assertEquals(bins(sketch).stream().map(Arrays::toString).toList(),
                bins(back).stream().map(Arrays::toString).toList());
        for (double q = 0; q <= 1; q += 0.1) {
            assertEquals(sketch.quantile(q), back.quantile(q));
        }
        assertArrayEquals(sketch.encode(), back.encode());
    }

    @Test
    void aDecodedSketchKeepsCountingAndMerging() {
        DurationSketch back = DurationSketch.decode(sketchOf(new long[] {100, 200}).encode());
        back.add(300);
        back.merge(sketchOf(new long[] {400}));
        assertArrayEquals(sketchOf(new long[] {100, 200, 300, 400}).encode(), back.encode());
    }

    /*
     * Measured (format version 1, of which 4 bytes are the checksum): 15 log-normal values 47 bytes;
     * 100 000 log-normal values with median 8 ms, σ = 1: 608 bytes, σ = 2: 1 067 bytes; empty: 7 bytes.
     */
    @Test
    void encodingIsCompact() {
        int few = sketchOf(logNormal(15, 9, 1, 11)).encode().length;
        int many = sketchOf(logNormal(100_000, 9, 1, 12)).encode().length;
        int wide = sketchOf(logNormal(100_000, 9, 2, 13)).encode().length;
        System.out.println("encoded sizes: 15 values " + few + " B, 100 000 log-normal σ=1 " + many
                + " B, σ=2 " + wide + " B");
        assertTrue(few <= 60, "15 values take " + few + " bytes");
        assertTrue(many <= 800, "100 000 values (σ=1) take " + many + " bytes");
        assertTrue(wide <= 1_300, "100 000 values (σ=2) take " + wide + " bytes");
        assertEquals(7, new DurationSketch().encode().length);
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] bytes = sketchOf(logNormal(200, 9, 1, 17)).encode();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(RollupFormatException.class, () -> DurationSketch.decode(cut), "length " + length);
        }
    }

    @Test
    void everySingleBitFlipIsRefused() {
        byte[] bytes = sketchOf(logNormal(50, 9, 1, 19)).encode();
        for (int bit = 0; bit < 8 * bytes.length; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(RollupFormatException.class, () -> DurationSketch.decode(flipped), "bit " + bit);
        }
    }

    @Test
    void randomBytesAreRefused() {
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[random.nextInt(1, 64)];
            random.nextBytes(garbage);
            if (i % 2 == 0) {
                garbage[0] = 1; // past the version check, into the checksum
            }
            assertThrows(RollupFormatException.class, () -> DurationSketch.decode(garbage),
                    () -> Arrays.toString(garbage));
        }
    }

    @Test
    void nullEmptyAndUnknownVersionsAreRefusedWithAMessageThatSaysWhy() {
        assertThrows(RollupFormatException.class, () -> DurationSketch.decode(null));
        assertThrows(RollupFormatException.class, () -> DurationSketch.decode(new byte[0]));
        byte[] newer = new DurationSketch().encode();
        newer[0] = 2;
        RollupFormatException e = assertThrows(RollupFormatException.class, () -> DurationSketch.decode(newer));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    /** Fields that pass the checksum but are impossible: a writer's bug must not become a wrong sketch. */
    @Test
    void impossibleFieldsBehindAValidChecksumAreRefused() {
        assertInvalid(0, 1, 2_184, 1, 1);    // a bin beyond Long.MAX_VALUE µs
        assertInvalid(0, 1, 2_000, 500, 1);  // a run running past the last bin
        assertInvalid(0, 1, 0, 0);           // a run of no bins
        assertInvalid(0, 2, 0, 1, 1);        // a run announced but missing
        assertInvalid(0, 0, 7);              // bytes after the last field
        assertInvalid(1L << 53, 1, 0, 1, 1); // more values than a double counts exactly
        assertInvalid(Long.MAX_VALUE);       // the same in the count of 0 µs, and nothing after it
        assertEquals(3, decodeFields(0, 1, 5, 2, 1, 2).count());
    }

    private static void assertInvalid(long... fields) {
        assertThrows(RollupFormatException.class, () -> decodeFields(fields), Arrays.toString(fields));
    }

    private static DurationSketch decodeFields(long... fields) {
        ByteWriter out = new ByteWriter(DurationSketch.FORMAT, 16);
        for (long f : fields) {
            out.varint(f);
        }
        return DurationSketch.decode(out.toByteArray());
    }

    @Test
    void negativeDurationsAndQuantilesOutsideZeroToOneAreRejected() {
        DurationSketch sketch = new DurationSketch();
        assertThrows(IllegalArgumentException.class, () -> sketch.add(-1));
        sketch.add(1);
        assertThrows(IllegalArgumentException.class, () -> sketch.quantile(1.5));
        assertThrows(IllegalArgumentException.class, () -> sketch.quantile(Double.NaN));
    }

    static DurationSketch sketchOf(long[] values) {
        DurationSketch sketch = new DurationSketch();
        for (long v : values) {
            sketch.add(v);
        }
        return sketch;
    }

    /** {lower, upper, value, count} of each bin, ascending. */
    static List<double[]> bins(DurationSketch sketch) {
        List<double[]> out = new ArrayList<>();
        sketch.forEachBin((lower, upper, value, count) -> out.add(new double[] {lower, upper, value, count}));
        return out;
    }

    /** n durations, µs, whose logarithm is normal with mean ln(median) = mu and the given sigma. */
    static long[] logNormal(int n, double mu, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.round(Math.exp(mu + sigma * gaussian(random)));
        }
        return v;
    }

    /** Fast requests around 2 ms and slow ones around 800 ms, 3 to 1. */
    static long[] bimodal(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            double center = random.nextInt(4) == 0 ? 800_000 : 2_000;
            v[i] = Math.round(center * Math.exp(0.2 * gaussian(random)));
        }
        return v;
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
