package dev.monitordash.core.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FalseDiscoveryTest {

    @Test
    void matchesRsBenjaminiHochbergAdjustment() {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), method = "BH")
        assertArrayEquals(new double[] {0.025, 0.05, 0.05, 0.025, 0.5},
                FalseDiscovery.adjust(new double[] {0.01, 0.04, 0.03, 0.005, 0.5}), 1e-12);
    }

    @Test
    void adjustedValuesNeverExceedOneAndKeepTheOrder() {
        assertArrayEquals(new double[] {1, 1, 1}, FalseDiscovery.adjust(new double[] {0.9, 1, 0.8}), 1e-12);
        assertArrayEquals(new double[] {}, FalseDiscovery.adjust(new double[] {}), 0);
    }

    @Test
    void refusesWhatIsNoPValue() {
        assertThrows(IllegalArgumentException.class, () -> FalseDiscovery.adjust(new double[] {0.1, Double.NaN}));
    }
}
