package dev.monitordash.core.alert;

import java.util.Locale;
import java.util.Optional;

/** How a metric's value is compared with the threshold: above for "too slow", below for "too quiet". */
public enum Comparison {
    ABOVE("above", ">"),
    BELOW("below", "<");

    private final String id;
    private final String symbol;

    Comparison(String id, String symbol) {
        this.id = id;
        this.symbol = symbol;
    }

    public String id() {
        return id;
    }

    public String symbol() {
        return symbol;
    }

    public boolean holds(double value, double threshold) {
        return this == ABOVE ? value > threshold : value < threshold;
    }

    public static Optional<Comparison> of(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (Comparison c : values()) {
            if (c.id.equals(t) || c.symbol.equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
