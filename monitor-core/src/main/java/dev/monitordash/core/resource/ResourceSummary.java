package dev.monitordash.core.resource;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Samples of one minute or hour summarized: per figure how many samples had it, their minimum, sum and
 * maximum, and the mean CPU of each core. A chart over 30 days reads 720 of these instead of 259 200
 * samples. Summaries add up ({@link #add(ResourceSample)}, {@link #merge}), so the sampling thread keeps
 * the current minute's and hour's rows as it writes each sample.
 *
 * <p>Blob: format byte, number of figures, per figure count (int), min and max (floats), sum (double);
 * then number of cores, per core count (int) and sum (double).
 */
public final class ResourceSummary {

    private static final byte FORMAT = 1;

    private final int[] counts;
    private final double[] min;
    private final double[] max;
    private final double[] sum;
    private int[] coreCounts;
    private double[] coreSums;

    public ResourceSummary() {
        int n = ResourceMetric.values().length;
        counts = new int[n];
        min = new double[n];
        max = new double[n];
        sum = new double[n];
        Arrays.fill(min, Double.NaN);
        Arrays.fill(max, Double.NaN);
        coreCounts = new int[0];
        coreSums = new double[0];
    }

    public static ResourceSummary of(ResourceSample sample) {
        ResourceSummary s = new ResourceSummary();
        s.add(sample);
        return s;
    }

    public void add(ResourceSample sample) {
        double[] v = sample.values();
        for (int i = 0; i < counts.length; i++) {
            if (!Double.isNaN(v[i])) {
                take(i, 1, v[i], v[i], v[i]);
            }
        }
        double[] cores = sample.cores();
        growCores(cores.length);
        for (int i = 0; i < cores.length; i++) {
            if (!Double.isNaN(cores[i])) {
                coreCounts[i]++;
                coreSums[i] += cores[i];
            }
        }
    }

    public void merge(ResourceSummary other) {
        for (int i = 0; i < counts.length; i++) {
            if (other.counts[i] > 0) {
                take(i, other.counts[i], other.min[i], other.max[i], other.sum[i]);
            }
        }
        growCores(other.coreCounts.length);
        for (int i = 0; i < other.coreCounts.length; i++) {
            coreCounts[i] += other.coreCounts[i];
            coreSums[i] += other.coreSums[i];
        }
    }

    private void take(int i, int n, double lo, double hi, double total) {
        min[i] = counts[i] == 0 ? lo : Math.min(min[i], lo);
        max[i] = counts[i] == 0 ? hi : Math.max(max[i], hi);
        sum[i] += total;
        counts[i] += n;
    }

    private void growCores(int n) {
        if (n > coreCounts.length) {
            coreCounts = Arrays.copyOf(coreCounts, n);
            coreSums = Arrays.copyOf(coreSums, n);
        }
    }

    /** Samples that had this figure. */
    public int count(ResourceMetric m) {
        return counts[m.ordinal()];
    }

    /** Mean of the figure; NaN when no sample had it. */
    public double mean(ResourceMetric m) {
        int n = counts[m.ordinal()];
        return n == 0 ? Double.NaN : sum[m.ordinal()] / n;
    }

    public double min(ResourceMetric m) {
        return min[m.ordinal()];
    }

    public double max(ResourceMetric m) {
        return max[m.ordinal()];
    }

    /** Mean CPU of each logical processor, percent (NaN for a core no sample had). */
    public double[] coreMeans() {
        double[] out = new double[coreCounts.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = coreCounts[i] == 0 ? Double.NaN : coreSums[i] / coreCounts[i];
        }
        return out;
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(1 + 2 + 20 * counts.length + 2 + 12 * coreCounts.length);
        b.put(FORMAT);
        b.putShort((short) counts.length);
        for (int i = 0; i < counts.length; i++) {
            b.putInt(counts[i]).putFloat((float) min[i]).putFloat((float) max[i]).putDouble(sum[i]);
        }
        b.putShort((short) coreCounts.length);
        for (int i = 0; i < coreCounts.length; i++) {
            b.putInt(coreCounts[i]).putDouble(coreSums[i]);
        }
        return b.array();
    }

    /** @throws IllegalArgumentException for bytes that are not a summary */
    public static ResourceSummary fromBytes(byte[] bytes) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            if (b.get() != FORMAT) {
                throw new IllegalArgumentException("unknown resource summary format " + bytes[0]);
            }
            ResourceSummary s = new ResourceSummary();
            int n = b.getShort();
            for (int i = 0; i < n; i++) {
                int count = b.getInt();
                float lo = b.getFloat();
                float hi = b.getFloat();
                double total = b.getDouble();
                if (i < s.counts.length && count > 0) {
                    s.take(i, count, lo, hi, total);
                }
            }
            int cores = b.getShort();
            s.growCores(Math.max(0, cores));
            for (int i = 0; i < cores; i++) {
                s.coreCounts[i] = b.getInt();
                s.coreSums[i] = b.getDouble();
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException("resource summary has " + b.remaining() + " bytes too many");
            }
            return s;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("resource summary is cut short (" + bytes.length + " bytes)", e);
        }
    }
}
