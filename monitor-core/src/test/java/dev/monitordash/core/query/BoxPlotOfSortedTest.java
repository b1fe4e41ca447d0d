package dev.monitordash.core.query;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The one-pass box of a group must equal what the OFFSET queries give on the same values: the same
 * data and expectations as {@code AnalyticsQueryContract}'s endpoint box tests (NumPy quartiles).
 */
class BoxPlotOfSortedTest {

    @Test
    void whiskersAndOutliersOnBothSidesMatchTheQueryPath() {
        long[] v = LongStream.of(44, 1, 55, 30, 40, 41, 42, 43, 90, 45, 46, 47).map(ms -> ms * 1_000).sorted().toArray();
        assertEquals(new BoxPlot("/w", 12, 1.0, 40.75, 43.5, 46.25, 90.0, 40.0, 47.0,
                List.of(1.0, 30.0, 55.0, 90.0), 4), BoxPlotReader.of("/w", v));
    }

    @Test
    void outliersAreCappedPerSideKeepingTheMostExtreme() {
        long[] v = new long[1_120];
        for (int i = 0; i < 1_000; i++) {
            v[i] = 1_000 + i % 10;
        }
        for (int i = 0; i < 120; i++) {
            v[1_000 + i] = 50_000 + i;
        }
        Arrays.sort(v);
        BoxPlot box = BoxPlotReader.of("/a", v);
        assertEquals(120, box.outlierCount());
        assertEquals(BoxPlotReader.OUTLIERS_PER_SIDE, box.outliers().size());
        assertEquals(50.070, box.outliers().get(0), 1e-9);
        assertEquals(50.119, box.outliers().get(49), 1e-9);
        assertEquals(1.009, box.upperWhisker(), 1e-9);
    }

    @Test
    void aSingleValueIsItsOwnBox() {
        assertEquals(new BoxPlot("x", 1, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, List.of(), 0),
                BoxPlotReader.of("x", new long[] {2_000}));
    }
}
