package dev.monitordash.core.rollup;

import java.util.Arrays;

/**
 * Builds a rollup BLOB ({@link BlobFormat}): the version byte, fields as unsigned LEB128 varints (7 bits a
 * byte, low first), the checksum. Durations, counts and status codes are mostly small, so a varint is 1–4
 * bytes where a fixed long is 8.
 */
final class ByteWriter {

    private final BlobFormat format;
    private byte[] buf;
    private int size;

    ByteWriter(BlobFormat format, int expectedSize) {
        this.format = format;
        this.buf = new byte[Math.max(expectedSize, 8)];
        buf[size++] = (byte) format.version();
    }

    /** Writes a non-negative value (callers hold invariants that make it so). */
    void varint(long value) {
        if (value < 0) {
            throw new IllegalStateException("negative value " + value + " in a " + format.name());
        }
        ensure(10);
        while (value >= 0x80) {
            buf[size++] = (byte) (value | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
    }

    /** The finished BLOB, checksum appended. */
    byte[] toByteArray() {
        byte[] out = Arrays.copyOf(buf, size + BlobFormat.CHECKSUM_BYTES);
        int crc = format.checksum(buf, size);
        for (int i = 0; i < BlobFormat.CHECKSUM_BYTES; i++) {
            out[size + i] = (byte) (crc >>> (24 - 8 * i));
        }
        return out;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }
}
