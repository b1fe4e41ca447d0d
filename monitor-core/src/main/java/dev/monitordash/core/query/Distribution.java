package dev.monitordash.core.query;

import dev.monitordash.core.rollup.DurationSketch;
import dev.monitordash.core.rollup.Lenient;

/**
 * Execution times of one group (an endpoint, a version, a user) merged from rollup rows: exact count, sum,
 * min and max, and a quantile sketch. A sketch that cannot be read (corrupt bytes, a newer format) is
 * skipped through {@link Lenient}, like every other stored value the views decode (logged once, counted
 * for the read's partial marker, {@link PartialReads}): the group's box then covers fewer requests than it
 * counts, the page still answers.
 */
final class Distribution {

    long requests;
    long total;
    long fastest = Long.MAX_VALUE;
    long slowest = Long.MIN_VALUE;
    final DurationSketch sketch = new DurationSketch();

    void add(long requests, long total, long fastest, long slowest, byte[] sketchBytes) {
        addNumbers(requests, total, fastest, slowest);
        if (sketchBytes != null) {
            sketch.merge(Lenient.sketch(sketchBytes));
        }
    }

    void addNumbers(long requests, long total, long fastest, long slowest) {
        this.requests += requests;
        this.total += total;
        this.fastest = Math.min(this.fastest, fastest);
        this.slowest = Math.max(this.slowest, slowest);
    }

    /** One raw (pending) duration. */
    void add(long micros) {
        addNumbers(1, micros, micros, micros);
        sketch.add(micros);
    }

    void merge(Distribution o) {
        addNumbers(o.requests, o.total, o.fastest, o.slowest);
        sketch.merge(o.sketch);
    }

    double meanMillis() {
        return requests == 0 ? Double.NaN : total / (double) requests / 1_000.0;
    }

    /** Median in µs within the exact min and max; NaN without a readable sketch. */
    double median() {
        return quantile(0.5);
    }

    /** Quantile q in µs, clamped into the exact min and max; NaN without a readable sketch. */
    double quantile(double q) {
        if (sketch.isEmpty()) {
            return Double.NaN;
        }
        return Math.max(fastest, Math.min(slowest, sketch.quantile(q)));
    }

    /** The box plot (approximate quartiles, exact min, max and count); null without requests. */
    BoxPlot box(String label) {
        if (requests == 0 || sketch.isEmpty()) {
            return null;
        }
        BoxPlot b = SketchBoxPlots.of(label, sketch, fastest, slowest);
        // The count is the rollups' exact one, also when a sketch was skipped.
        return b == null ? null : new BoxPlot(b.label(), requests, b.min(), b.q1(), b.median(), b.q3(), b.max(),
                b.lowerWhisker(), b.upperWhisker(), b.outliers(), b.outlierCount());
    }
}
