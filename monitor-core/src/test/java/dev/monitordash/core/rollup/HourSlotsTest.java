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
        assertThrows(RollupFormatException.class, () -> HourSlots.decode(new byte[] {2, 0, 0, 0, 0, 0}));
        SplittableRandom random = new SplittableRandom(37);
        for (int i = 0; i < 5_000; i++) {
            byte[] garbage = new byte[random.nextInt(1, 40)];
            random.nextBytes(garbage);
            garbage[0] = 1;
            assertThrows(RollupFormatException.class, () -> HourSlots.decode(garbage));
        }
    }

    /** Figures that pass the checksum but contradict each other. */
    @Test
    void impossibleFieldsBehindAValidChecksumAreRefused() {
        assertInvalid(1 << 24);                       // an hour 24
        assertInvalid(1, 0, 0, 0, 0);                 // an hour with no request
        assertInvalid(1, 2, 10, 6, 0);                // a mean of 5 below the minimum 6
        assertInvalid(1, 2, 21, 5, 5);                // a mean of 10.5 above the maximum 10
        assertInvalid(1, 1, 5, Long.MAX_VALUE, 1);    // a maximum beyond Long.MAX_VALUE
        assertInvalid(1, 1, 5, 5, 0, 9);              // bytes after the last field
        assertInvalid(3, 1, 5, 5, 0);                 // hour 1 announced but missing
        HourSlots ok = decodeFields(1, 2, 21, 5, 6);  // mean 10.5 within [5, 11]
        assertEquals(21, ok.sum(0));
    }

    private static void assertInvalid(long... fields) {
        assertThrows(RollupFormatException.class, () -> decodeFields(fields), Arrays.toString(fields));
    }

    private static HourSlots decodeFields(long... fields) {
        ByteWriter out = new ByteWriter(HourSlots.FORMAT, 16);
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
