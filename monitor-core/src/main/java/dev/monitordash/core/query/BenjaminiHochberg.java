package dev.monitordash.core.query;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini-Hochberg adjusted p-values (q-values): comparing thousands of tests at once, a plain p &lt; 0.05
 * would flag one unchanged test in twenty as slower. A q below α keeps the expected share of false alarms
 * among the flagged tests below α (for independent tests), while still finding real slowdowns.
 */
final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    /** The q-value of each p-value, in the same order. */
    static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] q = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            q[i] = running;
        }
        return q;
    }
}
