package dev.monitordash.core.rollup;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusCountsTest {

    @Test
    void countsEachStatusAscending() {
        StatusCounts counts = new StatusCounts();
        counts.add(500);
        counts.add(200, 997);
        counts.add(404);
        counts.add(200);
        counts.add(302, 0);
        assertEquals(Map.of(200, 998L, 404, 1L, 500, 1L), counts.asMap());
        assertEquals(200, counts.asMap().firstKey());
        assertThrows(UnsupportedOperationException.class, () -> counts.asMap().put(201, 1L));
    }

    @Test
    void mergingAddsCountsAndLeavesTheOtherUnchanged() {
        StatusCounts a = new StatusCounts();
        a.add(200, 10);
        a.add(500, 1);
        StatusCounts b = new StatusCounts();
        b.add(200, 5);
        b.add(404, 2);
        a.merge(b);
        assertEquals(Map.of(200, 15L, 404, 2L, 500, 1L), a.asMap());
        assertEquals(Map.of(200, 5L, 404, 2L), b.asMap());
    }

    @Test
    void encodeAndDecodeGiveTheSameCounts() {
        StatusCounts counts = new StatusCounts();
        counts.add(0);
        counts.add(200, Long.MAX_VALUE / 2);
        counts.add(599, 3);
        counts.add(Integer.MAX_VALUE);
        assertEquals(counts, StatusCounts.decode(counts.encode()));
        assertTrue(StatusCounts.decode(new StatusCounts().encode()).asMap().isEmpty());
    }

    /* Measured: empty 6 bytes; 200 / 404 / 500 with a thousand requests in all 15 bytes. */
    @Test
    void encodingIsAFewBytesAStatus() {
        StatusCounts counts = new StatusCounts();
        counts.add(200, 996);
        counts.add(404, 3);
        counts.add(500, 1);
        assertEquals(15, counts.encode().length);
        assertEquals(6, new StatusCounts().encode().length);
    }

    @Test
    void corruptBytesAreRefused() {
        StatusCounts counts = new StatusCounts();
        counts.add(200, 300);
        counts.add(503, 2);
        byte[] bytes = counts.encode();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(RollupFormatException.class, () -> StatusCounts.decode(cut), "length " + length);
        }
        for (int bit = 0; bit < 8 * bytes.length; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(RollupFormatException.class, () -> StatusCounts.decode(flipped), "bit " + bit);
        }
        assertThrows(RollupFormatException.class, () -> StatusCounts.decode(null));
        assertThrows(RollupFormatException.class, () -> StatusCounts.decode(new byte[0]));
        SplittableRandom random = new SplittableRandom(41);
        for (int i = 0; i < 5_000; i++) {
            byte[] garbage = new byte[random.nextInt(1, 40)];
            random.nextBytes(garbage);
            garbage[0] = 1;
            assertThrows(RollupFormatException.class, () -> StatusCounts.decode(garbage));
        }
    }

    @Test
    void impossibleFieldsBehindAValidChecksumAreRefused() {
        assertInvalid(2, 200, 1, 0, 1);                   // the same status twice
        assertInvalid(1, 200, 0);                         // a status with no request
        assertInvalid(2, Integer.MAX_VALUE, 1, 1, 1);     // a status beyond Integer.MAX_VALUE
        assertInvalid(1, 200, 1, 7);                      // bytes after the last field
        assertInvalid(3, 200, 1, 1, 1);                   // a status announced but missing
        assertEquals(new TreeMap<>(Map.of(200, 1L, 201, 1L)), decodeFields(2, 200, 1, 1, 1).asMap());
    }

    private static void assertInvalid(long... fields) {
        assertThrows(RollupFormatException.class, () -> decodeFields(fields), Arrays.toString(fields));
    }

    private static StatusCounts decodeFields(long... fields) {
        ByteWriter out = new ByteWriter(StatusCounts.FORMAT, 16);
        for (long f : fields) {
            out.varint(f);
        }
        return StatusCounts.decode(out.toByteArray());
    }

    @Test
    void negativeStatusesAndCountsAreRejected() {
        StatusCounts counts = new StatusCounts();
        assertThrows(IllegalArgumentException.class, () -> counts.add(-1));
        assertThrows(IllegalArgumentException.class, () -> counts.add(200, -1));
        assertTrue(counts.asMap().isEmpty());
    }
}
