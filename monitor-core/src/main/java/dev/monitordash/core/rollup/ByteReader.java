package dev.monitordash.core.rollup;

/**
 * Reads what {@link ByteWriter} wrote, checking as it goes: every problem (no bytes, an unknown version,
 * a wrong checksum, a malformed or out-of-range field, bytes left over) is a {@link RollupFormatException}
 * naming what was being decoded, never an index or arithmetic exception.
 */
final class ByteReader {

    private final byte[] bytes;
    private final BlobFormat format;
    private final int limit;
    private int pos = 1;

    private ByteReader(byte[] bytes, BlobFormat format) {
        this.bytes = bytes;
        this.format = format;
        this.limit = bytes.length - BlobFormat.CHECKSUM_BYTES;
    }

    /** Checks the version, then the checksum, and positions on the first field. */
    static ByteReader open(byte[] bytes, BlobFormat format) {
        if (bytes == null || bytes.length == 0) {
            throw new RollupFormatException("no bytes for a " + format.name());
        }
        // The version first: a newer format may frame its bytes differently.
        if (!format.reads(bytes[0] & 0xff)) {
            throw new RollupFormatException("unknown " + format.name() + " format version " + (bytes[0] & 0xff)
                    + " (this MonitorDash reads versions " + format.oldest() + " to " + format.version()
                    + "; written by a newer one?)");
        }
        ByteReader in = new ByteReader(bytes, format);
        if (in.limit < 1) {
            throw in.corrupt("only " + bytes.length + " bytes");
        }
        int stored = 0;
        for (int i = in.limit; i < bytes.length; i++) {
            stored = (stored << 8) | (bytes[i] & 0xff);
        }
        if (stored != format.checksum(bytes, in.limit)) {
            throw in.corrupt("checksum mismatch (truncated, damaged, or not a " + format.name() + ")");
        }
        return in;
    }

    /** The format version the bytes were written in. */
    int version() {
        return bytes[0] & 0xff;
    }

    /** A non-negative varint: at most 9 bytes of 7 bits, so never more than {@link Long#MAX_VALUE}. */
    long varint() {
        long value = 0;
        for (int shift = 0; shift <= 56; shift += 7) {
            if (pos >= limit) {
                throw corrupt("truncated at byte " + pos);
            }
            byte b = bytes[pos++];
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw corrupt("varint longer than 63 bits ending at byte " + pos);
    }

    /** A varint that must lie in [min, max]; {@code field} names it in the message. */
    long varint(String field, long min, long max) {
        long value = varint();
        if (value < min || value > max) {
            throw corrupt(field + " " + value + " outside [" + min + ", " + max + "]");
        }
        return value;
    }

    /** How many field bytes are left: a bound on how many more varints can follow, checked before allocating. */
    int remaining() {
        return limit - pos;
    }

    /** Checks that nothing follows the last field. */
    void end() {
        if (pos != limit) {
            throw corrupt((limit - pos) + " unexpected bytes after the last field");
        }
    }

    RollupFormatException corrupt(String problem) {
        return new RollupFormatException("corrupt " + format.name() + ": " + problem);
    }
}
