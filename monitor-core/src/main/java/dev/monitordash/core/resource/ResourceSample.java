package dev.monitordash.core.resource;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

/**
 * The figures of one moment, indexed by {@link ResourceMetric#ordinal()}; a figure this platform cannot
 * give (swap on some containers, disk of a PostgreSQL store, load average on Windows) is NaN. CPU per core
 * is a separate array: its length is the host's number of logical processors.
 *
 * <p>Stored as one compact blob ({@link #toBytes()}): a format byte, the number of figures, each as a
 * 4-byte float, then the number of cores and each core's CPU. Floats are exact to 7 digits, which is more
 * than a chart shows; 23 figures and 8 cores are 129 bytes.
 */
public final class ResourceSample {

    private static final byte FORMAT = 1;

    private final Instant at;
    private final double[] values;
    private final double[] cores;

    public ResourceSample(Instant at, double[] values, double[] cores) {
        this.at = at;
        this.values = Arrays.copyOf(values, ResourceMetric.values().length);
        if (values.length < this.values.length) {
            Arrays.fill(this.values, values.length, this.values.length, Double.NaN);
        }
        this.cores = cores.clone();
    }

    public Instant at() {
        return at;
    }

    /** The figure; NaN when this sample does not have it. */
    public double value(ResourceMetric metric) {
        return values[metric.ordinal()];
    }

    /**
     * {@code part} as a percentage of {@code whole} (memory, swap or disk in use of their size): what a
     * "memory above 80 %" condition compares. NaN when either is missing or the whole is not positive.
     */
    public double percent(ResourceMetric part, ResourceMetric whole) {
        double p = value(part);
        double w = value(whole);
        return Double.isNaN(p) || Double.isNaN(w) || w <= 0 ? Double.NaN : p / w * 100;
    }

    /** CPU per logical processor, percent; empty before the second sample or without OSHI. */
    public double[] cores() {
        return cores.clone();
    }

    double[] values() {
        return values;
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(1 + 2 + 4 * values.length + 2 + 4 * cores.length);
        b.put(FORMAT);
        b.putShort((short) values.length);
        for (double v : values) {
            b.putFloat((float) v);
        }
        b.putShort((short) cores.length);
        for (double v : cores) {
            b.putFloat((float) v);
        }
        return b.array();
    }

    /**
     * Reads a blob of {@link #toBytes()}; figures added after it was written are NaN, figures it has beyond
     * this code's (a newer MonitorDash) are ignored.
     *
     * @throws IllegalArgumentException for bytes that are not such a blob
     */
    public static ResourceSample fromBytes(Instant at, byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.get() != FORMAT) {
                throw new IllegalArgumentException("unknown resource sample format " + bytes[0]);
            }
            int n = b.getShort();
            double[] values = new double[ResourceMetric.values().length];
            Arrays.fill(values, Double.NaN);
            for (int i = 0; i < n; i++) {
                float v = b.getFloat();
                if (i < values.length) {
                    values[i] = v;
                }
            }
            double[] cores = new double[b.getShort()];
            for (int i = 0; i < cores.length; i++) {
                cores[i] = b.getFloat();
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException("resource sample has " + b.remaining() + " bytes too many");
            }
            return new ResourceSample(at, values, cores);
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("resource sample is cut short (" + bytes.length + " bytes)", e);
        }
    }
}
