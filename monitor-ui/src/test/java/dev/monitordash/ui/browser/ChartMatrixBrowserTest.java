package dev.monitordash.ui.browser;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our 'matrix' chart type (heatmaps) and heat colors in headless Chromium: each cell covers the pixel
 * band of its x and y categories, is painted in the color the page's scriptable backgroundColor gives,
 * answers hover with a "<y> · <x>" tooltip, and an empty dataset draws nothing without an error.
 */
class ChartMatrixBrowserTest extends ChartTestPage {

    private static final List<String> HOURS = List.of("00", "01", "02", "03");
    private static final List<String> DAYS = List.of("2025-06-01", "2025-06-02", "2025-06-03");

    /** A 4 hours × 3 days heatmap, v = day·4 + hour (max 11), except (02, 2025-06-02) = 1234. */
    private static final String HEATMAP = """
            const hours = ['00', '01', '02', '03'];
            const days = ['2025-06-01', '2025-06-02', '2025-06-03'];
            const data = [];
            days.forEach((day, d) => hours.forEach((hour, i) => data.push({ x: hour, y: day, v: d * 4 + i })));
            data.find((c) => c.x === '02' && c.y === '2025-06-02').v = 1234;
            const max = 11;
            const chart = new h.Chart(h.canvas(600, 300), {
              type: 'matrix',
              data: { datasets: [{ data, backgroundColor: (ctx) => h.heat.heatColor(ctx.raw.v, max) }] },
            });
            """;

    @Test
    void eachCellFillsTheBandOfItsCategoriesInItsHeatColor() {
        JsonNode r = run(HEATMAP + """
                const meta = chart.getDatasetMeta(0);
                const { x: xs, y: ys } = chart.scales;
                return {
                  xLabels: xs.getLabels(), yLabels: ys.getLabels(), dataLabels: chart.data.labels,
                  x: { left: xs.left, right: xs.right }, y: { top: ys.top, bottom: ys.bottom },
                  cells: meta.data.map((cell, i) => ({
                    hour: data[i].x, day: data[i].y,
                    left: cell.x - cell.width / 2, right: cell.x + cell.width / 2,
                    top: cell.y - cell.height / 2, bottom: cell.y + cell.height / 2,
                    painted: h.pixel(chart, cell.x, cell.y),
                    expected: h.heat.heatColor(data[i].v, max),
                  })),
                };
                """);

        assertEquals(HOURS, strings(r.get("xLabels")), "x categories are the hours, not shared with y");
        assertEquals(DAYS, strings(r.get("yLabels")));
        assertEquals(HOURS, strings(r.get("dataLabels")), "x categories in data.labels, as in any Chart.js chart");
        double bandWidth = (r.at("/x/right").asDouble() - r.at("/x/left").asDouble()) / HOURS.size();
        double bandHeight = (r.at("/y/bottom").asDouble() - r.at("/y/top").asDouble()) / DAYS.size();
        assertTrue(bandWidth > 50 && bandHeight > 30, "bands " + bandWidth + " × " + bandHeight);
        assertEquals(HOURS.size() * DAYS.size(), r.get("cells").size());
        for (JsonNode cell : r.get("cells")) {
            int column = HOURS.indexOf(cell.get("hour").asText());
            int row = DAYS.indexOf(cell.get("day").asText()); // first day at the top
            String where = cell.get("hour").asText() + " / " + cell.get("day").asText();
            double left = r.at("/x/left").asDouble() + column * bandWidth;
            double top = r.at("/y/top").asDouble() + row * bandHeight;
            assertBand(left, left + bandWidth, cell.get("left").asDouble(), cell.get("right").asDouble(), "x of " + where);
            assertBand(top, top + bandHeight, cell.get("top").asDouble(), cell.get("bottom").asDouble(), "y of " + where);
            int[] painted = ints(cell.get("painted"));
            int[] expected = rgb(cell.get("expected").asText());
            assertArrayEquals(new int[] {expected[0], expected[1], expected[2], 255},
                    painted, "pixel at the centre of " + where);
        }
    }

    /** A cell lies inside its band and leaves at most a small gap to the band's edges. */
    private static void assertBand(double bandStart, double bandEnd, double start, double end, String what) {
        assertTrue(start >= bandStart - 0.01 && start <= bandStart + 1.5, what + ": starts at " + start
                + ", band starts at " + bandStart);
        assertTrue(end <= bandEnd + 0.01 && end >= bandEnd - 1.5, what + ": ends at " + end
                + ", band ends at " + bandEnd);
    }

    @Test
    void hoveringACellShowsItsCategoriesAndExactValue() {
        JsonNode r = run(HEATMAP + """
                const index = data.findIndex((c) => c.v === 1234);
                const cell = chart.getDatasetMeta(0).data[index];
                const shown = await h.hover(chart, cell.x, cell.y);
                chart.options.plugins.tooltip.callbacks.label = (item) => `${item.raw.v} requests`;
                chart.update();
                await h.hover(chart, cell.x + 1, cell.y);
                const custom = await h.hover(chart, cell.x, cell.y);
                return { index, shown, custom };
                """);

        assertArrayEquals(new int[] {r.get("index").asInt()}, ints(r.at("/shown/active")), "the hovered cell is active");
        assertEquals(List.of("2025-06-02 · 02"), strings(r.at("/shown/title")));
        assertEquals(List.of("1,234"), strings(r.at("/shown/body")));
        assertEquals(List.of("2025-06-02 · 02"), strings(r.at("/custom/title")));
        assertEquals(List.of("1234 requests"), strings(r.at("/custom/body")), "a page's label callback wins");
    }

    @Test
    void cellLabelsWriteEachValueInAColorReadableOnItsCell() {
        JsonNode r = run("""
                const { matrixCellLabels } = await import(new URL('assets/js/charts/cell-labels.js', document.baseURI).href);
                const data = [{ x: 'few', y: 'row', v: 0 }, { x: 'half', y: 'row', v: 5 }];
                const draw = (plugins) => new h.Chart(h.canvas(400, 120), {
                  type: 'matrix', plugins,
                  data: { datasets: [{ data, backgroundColor: (ctx) => h.heat.heatColor(ctx.raw.v, 10) }] },
                });
                // Pixels around each cell's centre much lighter or much darker than its fill: text.
                const brightness = (rgb) => (rgb[0] + rgb[1] + rgb[2]) / 3;
                const text = (chart) => chart.getDatasetMeta(0).data.map((cell, i) => {
                  const fill = brightness(h.heat.heatColor(data[i].v, 10).match(/\\d+/g).map(Number));
                  let light = 0, dark = 0;
                  for (let x = cell.x - 20; x <= cell.x + 20; x++) {
                    for (let y = cell.y - 7; y <= cell.y + 7; y++) {
                      const pixel = brightness(h.pixel(chart, x, y));
                      if (pixel > fill + 60) light++;
                      if (pixel < fill - 60) dark++;
                    }
                  }
                  return { light, dark };
                });
                const plain = text(draw([]));
                const labelled = text(draw([matrixCellLabels((c) => `${c.v * 10}%`)]));
                return { plain, labelled };
                """);

        assertEquals("[{\"light\":0,\"dark\":0},{\"light\":0,\"dark\":0}]", r.get("plain").toString(),
                "without the plugin the cells are plain fill");
        JsonNode blue = r.at("/labelled/0");
        JsonNode white = r.at("/labelled/1");
        assertTrue(blue.get("light").asInt() > 10 && blue.get("dark").asInt() == 0, "white text on dark blue: " + blue);
        assertTrue(white.get("dark").asInt() > 10, "dark text on white: " + white);
    }

    @Test
    void heatColorsRunFromBlueOverWhiteToRed() {
        JsonNode r = run("""
                const c = (v, max) => h.heat.heatColor(v, max);
                const legend = h.heat.heatLegend(1234, 'Requests <b>per</b> hour', (n) => `${n} req`);
                return {
                  low: c(0, 10), quarter: c(2.5, 10), middle: c(5, 10), high: c(10, 10),
                  above: c(25, 10), below: c(-3, 10), zeroMax: c(0, 0), missing: c(null, 10),
                  legendText: legend.textContent, legendMarkup: legend.querySelectorAll('b').length,
                };
                """);

        int[] low = rgb(r.get("low").asText());
        int[] high = rgb(r.get("high").asText());
        int[] middle = rgb(r.get("middle").asText());
        int[] quarter = rgb(r.get("quarter").asText());
        assertTrue(low[2] > low[0] + 100, "0 is blue: " + r.get("low"));
        assertTrue(high[0] > high[2] + 100, "max is red: " + r.get("high"));
        assertTrue(middle[0] >= 240 && middle[1] >= 240 && middle[2] >= 240, "max/2 is white: " + r.get("middle"));
        assertTrue(quarter[2] > quarter[0] && quarter[0] > low[0], "a quarter is a lighter blue: " + r.get("quarter"));
        // Dark enough at both ends to tell from the white card (contrast of a cell against white).
        assertTrue(luminance(low) < 0.2 && luminance(high) < 0.2, "ends readable on white");
        assertEquals(r.get("high"), r.get("above"), "values above max stay red");
        assertEquals(r.get("low"), r.get("below"));
        assertEquals(r.get("low"), r.get("zeroMax"), "nothing recorded at all: blue, not NaN");
        assertTrue(r.get("missing").asText().startsWith("rgba("), "no value: a faint grey, not blue");
        assertEquals("Requests <b>per</b> hour0 req1234 req", r.get("legendText").asText());
        assertEquals(0, r.get("legendMarkup").asInt(), "the legend label stays text");
    }

    private static double luminance(int[] rgb) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double s = rgb[i] / 255.0;
            c[i] = s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    @Test
    void anEmptyHeatmapDrawsNoCellAndNoError() {
        JsonNode r = run("""
                const chart = new h.Chart(h.canvas(400, 200), {
                  type: 'matrix',
                  data: { datasets: [{ data: [], backgroundColor: (ctx) => h.heat.heatColor(ctx.raw.v, 1) }] },
                });
                const hovered = await h.hover(chart, 200, 100);
                return { cells: chart.getDatasetMeta(0).data.length, active: hovered.active.length,
                         type: h.Chart.getChart(chart.canvas).config.type };
                """);

        assertEquals(0, r.get("cells").asInt());
        assertEquals(0, r.get("active").asInt());
        assertEquals("matrix", r.get("type").asText());
    }

    @Test
    void chartJsRegistersOurTypesOnceWithTheDashboardDefaults() {
        JsonNode r = run("""
                const again = h.charts.chartJs();
                const Chart = window.Chart;
                return {
                  same: again === h.Chart && again === Chart,
                  matrix: Chart.registry.getController('matrix').id,
                  boxplot: Chart.registry.getController('boxplot').id,
                  color: Chart.defaults.color, animation: Chart.defaults.animation,
                  responsive: Chart.defaults.responsive, aspect: Chart.defaults.maintainAspectRatio,
                  font: Chart.defaults.font.family === getComputedStyle(document.body).fontFamily,
                };
                """);

        assertTrue(r.get("same").asBoolean());
        assertEquals("matrix", r.get("matrix").asText());
        assertEquals("boxplot", r.get("boxplot").asText());
        assertEquals("#5f6b76", r.get("color").asText());
        assertTrue(r.get("animation").isBoolean() && !r.get("animation").asBoolean(), "animation off");
        assertTrue(r.get("responsive").asBoolean());
        assertTrue(!r.get("aspect").asBoolean(), "maintainAspectRatio off: charts take their box's height");
        assertTrue(r.get("font").asBoolean(), "the body's font");
    }
}
