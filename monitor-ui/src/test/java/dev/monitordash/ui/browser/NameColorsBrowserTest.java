package dev.monitordash.ui.browser;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * colors.js, the one name → color mapping of every chart: the same name always gets the same color,
 * names that differ only in their last character (version 1.4.0 beside 1.4.2, user7 beside user8) get
 * clearly different hues, and every color is dark enough to read on white.
 */
class NameColorsBrowserTest extends ChartTestPage {

    @Test
    void aNameAlwaysGetsTheSameColor() {
        JsonNode r = run("return [h.colors.colorFor('/orders/{id}'), h.colors.colorFor('/orders/{id}'),"
                + " h.colors.colorFor('/orders/{id}', 0.5)];");
        assertEquals(r.get(0).asText(), r.get(1).asText());
        assertEquals(r.get(0).asText().replace(", 1)", ", 0.5)"), r.get(2).asText());
    }

    /**
     * A hash cannot keep every pair of names apart, but neighbours must not be worse off than random
     * names: FNV-1a alone put "1.4.0" two degrees from "1.4.2" (and 1.4.4, 1.4.6…). With uniform hues,
     * 11 % of pairs fall within 20°; we allow 16 % of the 225 pairs within five families of ten names.
     */
    @Test
    void namesDifferingInTheirLastCharacterAreNoCloserInHueThanRandomOnes() {
        JsonNode r = run("""
                const prefixes = ['1.4.', '2.0.', 'user', 'v', '/api/items/'];
                const hue = (n) => h.colors.hslFor(n).hue;
                const close = [];
                let pairs = 0;
                for (const p of prefixes) {
                  for (let i = 0; i < 10; i++) {
                    for (let j = i + 1; j < 10; j++) {
                      const a = hue(p + i), b = hue(p + j);
                      const d = Math.min(Math.abs(a - b), 360 - Math.abs(a - b));
                      pairs++;
                      if (d < 20) close.push(`${p}${i}/${p}${j}: ${d}°`);
                    }
                  }
                }
                return { pairs, close };
                """);
        assertEquals(225, r.get("pairs").asInt());
        double share = r.get("close").size() / 225.0;
        assertTrue(share <= 0.16, "neighbours within 20°: " + r.get("close"));
    }

    @Test
    void everyColorIsDarkEnoughForWhiteBackgrounds() {
        JsonNode r = run("return Array.from({ length: 500 }, (_, i) => h.colors.hslFor('user' + i).lightness);");
        for (JsonNode lightness : r) {
            assertTrue(lightness.asInt() >= 40 && lightness.asInt() <= 52, "lightness " + lightness);
        }
    }
}
