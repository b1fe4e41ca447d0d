package dev.monitordash.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's sentences: the same words on the page, in the API and for an alert. */
final class Wording {

    private Wording() {
    }

    /** "+20 %", "−30 %", or from 1.5× on "2.0× slower" / "2.0× faster"; "unchanged" below 0.05 %. */
    static String change(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "changed";
        }
        if (ratio >= 1.5) {
            return String.format(Locale.ROOT, "%.1f× slower", ratio);
        }
        if (ratio <= 1 / 1.5) {
            return String.format(Locale.ROOT, "%.1f× faster", 1 / ratio);
        }
        return percent(ratio - 1);
    }

    /** "+1.2 %", "−0.4 %". */
    static String percent(double relative) {
        String s = String.format(Locale.ROOT, "%.1f %%", Math.abs(relative) * 100);
        return (relative < 0 ? "−" : "+") + s;
    }

    /** "p = 0.031", "p < 0.001". */
    static String p(double p) {
        return p < 0.001 ? "p < 0.001" : String.format(Locale.ROOT, "p = %.2g", p);
    }

    static String millis(double ms) {
        if (!Double.isFinite(ms)) {
            return "–";
        }
        if (ms >= 100) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        return String.format(Locale.ROOT, ms >= 10 ? "%.1f ms" : "%.2f ms", ms);
    }

    /** "p90 2.0× slower (59.5 → 119.9 ms), median unchanged". */
    static String summary(Verdict verdict, List<PartChange> parts, long before, long after, long minRequests) {
        if (verdict == Verdict.NOT_ENOUGH_DATA) {
            return String.format(Locale.ROOT, "not enough data: %d → %d requests (%d a side needed)", before,
                    after, minRequests);
        }
        List<String> changed = new ArrayList<>();
        for (PartChange c : parts) {
            if (c.significant()) {
                changed.add(c.part().label() + " " + change(c.ratio()) + " (" + millis(c.before()) + " → "
                        + millis(c.after()) + ")");
            }
        }
        if (changed.isEmpty()) {
            return "unchanged";
        }
        PartChange median = parts.get(0);
        if (!median.significant()) {
            changed.add("median unchanged");
        }
        return String.join(", ", changed);
    }
}
