package dev.monitordash.core.query;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** R-7 quantiles; expected values from NumPy's {@code percentile} (its default "linear" is R-7). */
class QuantilesTest {

    @Test
    void quartilesAndP90MatchNumPy() {
        long[] v = {7, 15, 36, 39, 40, 41};
        assertEquals(20.25, Quantiles.of(v, 1, 4), 1e-12);
        assertEquals(37.5, Quantiles.of(v, 1, 2), 1e-12);
        assertEquals(39.75, Quantiles.of(v, 3, 4), 1e-12);
        assertEquals(40.5, Quantiles.of(v, 9, 10), 1e-12);
        long[] w = {1, 2, 3, 4, 5, 6, 7, 8, 9, 100};
        assertEquals(3.25, Quantiles.of(w, 1, 4), 1e-12);
        assertEquals(18.1, Quantiles.of(w, 9, 10), 1e-12);
    }

    @Test
    void endsAreMinimumAndMaximumAndASingleValueIsEveryQuantile() {
        long[] v = {10, 20};
        assertEquals(10, Quantiles.of(v, 0, 4));
        assertEquals(20, Quantiles.of(v, 4, 4));
        assertEquals(12.5, Quantiles.of(v, 1, 4));
        assertEquals(5, Quantiles.of(new long[] {5}, 3, 4));
    }

    @Test
    void positionIsExactForLargeCounts() {
        Quantiles.Position p = Quantiles.of(10_000_001L, 3, 4);
        assertEquals(7_500_000L, p.index());
        assertEquals(0.0, p.fraction());
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Quantiles.of(0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> Quantiles.of(3, 5, 4));
    }
}
