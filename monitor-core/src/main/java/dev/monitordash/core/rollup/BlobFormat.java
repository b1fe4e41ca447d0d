package dev.monitordash.core.rollup;

import java.util.zip.CRC32C;

/**
 * The frame every rollup BLOB shares: one byte of format version, the fields, and a 4-byte CRC-32C of the
 * type's tag and all bytes before it. The checksum turns garbage, truncation and a BLOB of another type
 * (a mixed-up column) into a {@link RollupFormatException} instead of plausible wrong figures: after
 * compaction a rollup is the only copy of its requests. 4 bytes is cheap beside the payloads.
 *
 * @param name    what the BLOB holds, for messages only
 * @param tag     distinguishes the types (part of the checksum, not stored); never change it
 * @param version the format version this code writes (and reads)
 * @param oldest  the oldest version this code still reads: rows written before an upgrade stay readable
 */
record BlobFormat(String name, byte tag, int version, int oldest) {

    BlobFormat(String name, byte tag, int version) {
        this(name, tag, version, version);
    }

    boolean reads(int v) {
        return v >= oldest && v <= version;
    }

    static final int CHECKSUM_BYTES = 4;

    int checksum(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(tag);
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }
}
