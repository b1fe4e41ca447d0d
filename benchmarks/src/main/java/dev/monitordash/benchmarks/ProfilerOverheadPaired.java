package dev.monitordash.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/**
 * Level 3's overhead measured in pairs, for a shared machine: the same ≈ 50 ms request at level 1 and at
 * level 3 (the {@link ProfilerOverheadBenchmark} setup), one right after the other, in alternating order
 * (ABBA), many times. Whatever else the machine does slows both requests of a pair alike, so the ratio
 * of a pair is far steadier than two averages taken seconds apart; the median ratio is the overhead.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.monitordash.benchmarks.ProfilerOverheadPaired [pairs]</pre>
 */
public final class ProfilerOverheadPaired {

    private ProfilerOverheadPaired() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        ProfilerOverheadBenchmark bench = new ProfilerOverheadBenchmark();
        bench.start();
        try {
            for (int i = 0; i < 40; i++) { // warm-up: JIT, the sampler thread, the profile's tree building
                bench.fiftyMillisAtLevel1();
                bench.fiftyMillisAtLevel3();
            }
            double[] level1 = new double[pairs];
            double[] level3 = new double[pairs];
            double[] ratios = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                boolean level3First = (i & 1) == 1;
                if (level3First) {
                    level3[i] = timeLevel3(bench);
                    level1[i] = timeLevel1(bench);
                } else {
                    level1[i] = timeLevel1(bench);
                    level3[i] = timeLevel3(bench);
                }
                ratios[i] = level3[i] / level1[i];
            }
            System.out.printf(Locale.ROOT, "pairs %d%n", pairs);
            System.out.printf(Locale.ROOT, "level 1 median %.2f ms (p25 %.2f, p75 %.2f)%n",
                    quantile(level1, 0.5), quantile(level1, 0.25), quantile(level1, 0.75));
            System.out.printf(Locale.ROOT, "level 3 median %.2f ms (p25 %.2f, p75 %.2f)%n",
                    quantile(level3, 0.5), quantile(level3, 0.25), quantile(level3, 0.75));
            System.out.printf(Locale.ROOT, "level 3 / level 1 per pair: median %+.2f %% (p25 %+.2f %%, p75 %+.2f %%)%n",
                    100 * (quantile(ratios, 0.5) - 1), 100 * (quantile(ratios, 0.25) - 1),
                    100 * (quantile(ratios, 0.75) - 1));
        } finally {
            bench.stop();
        }
    }

    private static double timeLevel1(ProfilerOverheadBenchmark bench) throws Exception {
        long t0 = System.nanoTime();
        bench.fiftyMillisAtLevel1();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double timeLevel3(ProfilerOverheadBenchmark bench) throws Exception {
        long t0 = System.nanoTime();
        bench.fiftyMillisAtLevel3();
        return (System.nanoTime() - t0) / 1e6;
    }

    /** The R-7 quantile (as the dashboard's box plots), of a copy. */
    private static double quantile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
