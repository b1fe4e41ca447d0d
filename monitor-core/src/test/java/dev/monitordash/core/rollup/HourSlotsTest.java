package dev.monitordash.core.rollup;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HourSlotsTest {

    @Test
    void countsSumsMinimaAndMaximaPerHour() {
        HourSlots slots = new HourSlots();
        slots.add(0, 500);
        slots.add(0, 1_500);
        slots.add(23, 7);
        assertEquals(2, slots.count(0));
        assertEquals(2_000, slots.sum(0));
        assertEquals(500, slots.min(0));
        assertEquals(1_500, slots.max(0));
        assertEquals(1, slots.count(23));
        assertEquals(7, slots.min(23));
        assertEquals(0, slots.count(12));
        assertEquals(0, slots.min(12));
        assertEquals(0, slots.max(12));
        assertFalse(slots.isEmpty());
        assertTrue(new HourSlots().isEmpty());
    }

    @Test
    void mergingGivesWhatAddingEverythingToOneGives() {
        SplittableRandom random = new SplittableRandom(4);
        HourSlots whole = new HourSlots();
        HourSlots a = new HourSlots();
        HourSlots b = new HourSlots();
        for (int i = 0; i < 5_000; i++) {
            int hour = random.nextInt(24);
            long micros = random.nextLong(0, 10_000_000);
            whole.add(hour, micros);
            (i % 3 == 0 ? a : b).add(hour, micros);
        }
        HourSlots bBefore = HourSlots.decode(b.encode());
        a.merge(b);
        assertEquals(whole, a);
        assertEquals(bBefore, b);
        HourSlots empty = new HourSlots();
        empty.merge(new HourSlots());
        assertTrue(empty.isEmpty());
    }

    @Test
    void encodeAndDecodeGiveTheSameSlots() {
        HourSlots slots = new HourSlots();
        slots.add(3, 0);
        slots.add(9, Long.MAX_VALUE / 4);
        slots.add(9, 1);
        slots.add(23, 120_000);
        HourSlots back = HourSlots.decode(slots.encode());
        assertEquals(slots, back);
        for (int h = 0; h < 24; h++) {
            assertEquals(slots.count(h), back.count(h));
            assertEquals(slots.sum(h), back.sum(h));
            assertEquals(slots.min(h), back.min(h));
            assertEquals(slots.max(h), back.max(h));
        }
        assertTrue(HourSlots.decode(new HourSlots().encode()).isEmpty());
    }

    /* Measured: empty 6 bytes; 3 hours of 200 requests each 40 bytes; all 24 hours 273 bytes. */
    @Test
    void encodingHoldsOnlyTheHoursWithRequests() {
        HourSlots few = new HourSlots();
        HourSlots all = new HourSlots();
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 600; i++) {
            few.add(new int[] {9, 10, 11}[i % 3], 5_000 + random.nextInt(100_000));
        }
        for (int i = 0; i < 4_800; i++) {
            all.add(i % 24, 5_000 + random.nextInt(100_000));
        }
        int fewBytes = few.encode().length;
        int allBytes = all.encode().length;
        System.out.println("hour slots: empty " + new HourSlots().encode().length + " B, 3 hours " + fewBytes
                + " B, 24 hours " + allBytes + " B");
        assertEquals(6, new HourSlots().encode().length);
        assertTrue(fewBytes <= 48, fewBytes + " bytes");
        assertTrue(allBytes <= 24 * 12 + 8, allBytes + " bytes");
    }

    @Test
    void corruptBytesAreRefused() {
        HourSlots slots = new HourSlots();
        slots.add(5, 1_000);
        slots.add(17, 2_000);
        byte[] bytes = slots.encode();
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThrows(RollupFormatException.class, () -> HourSlots.decode(cut), "length " + length);
        }
        for (int bit = 0; bit < 8 * bytes.length; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThrows(RollupFormatException.class, () -> HourSlots.decode(flipped), "bit " + bit);
        }
        assertThrows(RollupFormatException.class, () -> HourSlots.decode(null));
        assertThrows(RollupFormatException.class, () -> HourSlots.decode(new byte[] {3, 0, 0, 0, 0, 0}));
        SplittableRandom random = new SplittableRandom(37);
        for (int i = 0; i < 5_000; i++) {
            byte[] garbage = new byte[random.nextInt(1, 40)];
            random.nextBytes(garbage);
            garbage[0] = 1;
            assertThrows(RollupFormatException.class, () -> HourSlots.decode(garbage));
        }
    }

    /** Version 1, as MonitorDash wrote it before 2: every hour as count, sum, min, max − min. */
    private static final BlobFormat VERSION_1 = new BlobFormat("hour slots", (byte) 'H', 1);

    /** Figures that pass the checksum but contradict each other. */
    @Test
    void impossibleFieldsBehindAValidChecksumAreRefused() {
        assertInvalid(VERSION_1, 1 << 24);                       // an hour 24
        assertInvalid(VERSION_1, 1, 0, 0, 0, 0);                 // an hour with no request
        assertInvalid(VERSION_1, 1, 2, 10, 6, 0);                // a mean of 5 below the minimum 6
        assertInvalid(VERSION_1, 1, 2, 21, 5, 5);                // a mean of 10.5 above the maximum 10
        assertInvalid(VERSION_1, 1, 1, 5, Long.MAX_VALUE, 1);    // a maximum beyond Long.MAX_VALUE
        assertInvalid(VERSION_1, 1, 1, 5, 5, 0, 9);              // bytes after the last field
        assertInvalid(VERSION_1, 3, 1, 5, 5, 0);                 // hour 1 announced but missing
        HourSlots ok = decodeFields(VERSION_1, 1, 2, 21, 5, 6);  // mean 10.5 within [5, 11]
        assertEquals(21, ok.sum(0));
        assertInvalid(HourSlots.FORMAT, 1, 3, 10, 6, 0);         // three requests: a mean below the minimum
        assertInvalid(HourSlots.FORMAT, 1, 1, 5, 0);             // one request: nothing after its duration
        assertInvalid(HourSlots.FORMAT, 1, 2, Long.MAX_VALUE, 0); // two requests whose sum overflows
    }

    @Test
    void slotsWrittenInVersion1StayReadable() {
        HourSlots v1 = decodeFields(VERSION_1, (1 << 4) | (1 << 7) | (1 << 20), 1, 900, 900, 0, 2, 30, 10, 10,
                3, 60, 5, 40);
        HourSlots expected = new HourSlots();
        expected.add(4, 900);
        expected.add(7, 10);
        expected.add(7, 20);
        expected.add(20, 5);
        expected.add(20, 10);
        expected.add(20, 45);
        assertEquals(expected, v1);
        assertEquals(expected, HourSlots.decode(expected.encode()));
    }

    /** Hours of one or two requests, the usual case in a user's daily row, leave out what their count implies. */
    @Test
    void hoursOfOneOrTwoRequestsTakeFewerBytesThanInVersion1() {
        HourSlots sparse = new HourSlots();
        sparse.add(8, 123_456);
        sparse.add(9, 23_456);
        sparse.add(9, 223_456);
        sparse.add(15, 7_000);
        byte[] v1 = v1Bytes(sparse);
        byte[] v2 = sparse.encode();
        assertEquals(sparse, HourSlots.decode(v1));
        assertEquals(sparse, HourSlots.decode(v2));
        assertEquals(2, v2[0], "written in version 2");
        assertTrue(v2.length <= v1.length - 6, v2.length + " bytes, version 1 " + v1.length);
    }

    private static byte[] v1Bytes(HourSlots slots) {
        ByteWriter out = new ByteWriter(VERSION_1, 64);
        int mask = 0;
        for (int h = 0; h < HourSlots.HOURS; h++) {
            mask |= slots.count(h) > 0 ? 1 << h : 0;
        }
        out.varint(mask);
        for (int h = 0; h < HourSlots.HOURS; h++) {
            if (slots.count(h) > 0) {
                out.varint(slots.count(h));
                out.varint(slots.sum(h));
                out.varint(slots.min(h));
                out.varint(slots.max(h) - slots.min(h));
            }
        }
        return out.toByteArray();
    }

    private static void assertInvalid(BlobFormat format, long... fields) {
        assertThrows(RollupFormatException.class, () -> decodeFields(format, fields), Arrays.toString(fields));
    }

    private static HourSlots decodeFields(BlobFormat format, long... fields) {
        ByteWriter out = new ByteWriter(format, 16);
        for (long f : fields) {
            out.varint(f);
        }
        return HourSlots.decode(out.toByteArray());
    }

    @Test
    void hoursOutsideTheDayAndNegativeDurationsAreRejected() {
        HourSlots slots = new HourSlots();
        assertThrows(IllegalArgumentException.class, () -> slots.add(24, 1));
        assertThrows(IllegalArgumentException.class, () -> slots.add(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> slots.add(0, -1));
        assertThrows(IllegalArgumentException.class, () -> slots.count(24));
        assertTrue(slots.isEmpty());
        slots.add(0, 1);
        assertNotEquals(new HourSlots(), slots);
    }
}
