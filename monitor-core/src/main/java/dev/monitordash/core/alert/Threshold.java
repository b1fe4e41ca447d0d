package dev.monitordash.core.alert;

import dev.monitordash.core.alert.notify.FieldException;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A threshold as a user writes it, in the metric's unit or a compatible one: {@code 500ms} or {@code 0.5s}
 * for latencies, {@code 5%} for rates, {@code 10/min} or {@code 1/s} for request rates, a plain number for
 * any metric (its own unit). A unit that does not fit the metric ({@code 500ms} for CPU) is refused.
 */
public final class Threshold {

    private static final Pattern TEXT = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([a-z%/]*)");

    private Threshold() {
    }

    /** The threshold in the metric's unit. */
    public static double parse(Metric metric, String text) {
        if (text == null) {
            throw new FieldException("threshold", "is required, in " + AlertRule.unitName(metric.unit()));
        }
        Matcher m = TEXT.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new FieldException("threshold", "must be a number ≥ 0 in " + AlertRule.unitName(metric.unit())
                    + ", was '" + printable(text) + "'");
        }
        double v = Double.parseDouble(m.group(1));
        String unit = m.group(2);
        if (unit.isEmpty()) {
            return v;
        }
        Double converted = switch (metric.unit()) {
            case MILLISECONDS -> unit.equals("ms") ? v : unit.equals("s") ? v * 1_000 : null;
            case PERCENT -> unit.equals("%") ? v : null;
            case PER_MINUTE -> unit.equals("/min") || unit.equals("/m") ? v : unit.equals("/s") ? v * 60 : null;
            case COUNT -> null;
        };
        if (converted == null) {
            throw new FieldException("threshold", "of " + metric.id() + " is in " + AlertRule.unitName(metric.unit())
                    + ", not '" + unit + "'");
        }
        return converted;
    }

    /** E.g. {@code 500ms}, {@code 5%}, {@code 12.5/min}. */
    public static String format(double value, Unit unit) {
        String n = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.2f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
        return n + unit.symbol();
    }

    static String printable(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return t.replaceAll("\\p{Cntrl}", "?");
    }
}
