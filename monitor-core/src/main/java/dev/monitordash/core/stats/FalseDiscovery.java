package dev.monitordash.core.stats;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini-Hochberg (1995): adjusts the p-values of a family of tests so that rejecting those with an
 * adjusted value at or below q keeps the expected share of false findings among all findings at most q
 * (for independent or positively dependent tests, as the parts of one endpoint are). The report tests
 * every endpoint at once: at p &lt; 0.05 each, a report of 50 unchanged endpoints listed 1-2.5 false
 * changes (issue 10); controlled this way, a report with nothing changed lists one at most 5 % of the time.
 */
public final class FalseDiscovery {

    private FalseDiscovery() {
    }

    /** The adjusted p-values ("q-values"), in the order of {@code p}: min over j ≥ rank of p₍ⱼ₎·m/j, at most 1. */
    public static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] out = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p-value " + p[i] + " is not in [0, 1]");
            }
            running = Math.min(running, p[i] * m / rank);
            out[i] = running;
        }
        return out;
    }
}
