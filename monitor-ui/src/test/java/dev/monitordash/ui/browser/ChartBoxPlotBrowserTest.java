package dev.monitordash.ui.browser;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Our 'boxplot' chart type in headless Chromium, fed the API's box objects as they are: whiskers, box,
 * median and outlier points sit at the value scale's pixels of their values, horizontally and
 * vertically, on linear and logarithmic scales; the scale fits the farthest outlier; the drawing is
 * really on the canvas; per-box colors; the tooltip; an empty dataset; the pages' time axis.
 */
class ChartBoxPlotBrowserTest extends ChartTestPage {

    /** Three boxes: one with outliers close and far, one without, one listing 2 of its 120 outliers. */
    private static final String BOXES = """
            const boxes = [
              { label: '1.4.1', count: 1200, min: 0.8, q1: 9.25, median: 11.5, q3: 14.75, max: 912,
                lowerWhisker: 0.8, upperWhisker: 22.9, outliers: [23.1, 40.2, 912], outlierCount: 3 },
              { label: '1.4.2', count: 40, min: 2, q1: 20, median: 30, q3: 45, max: 80,
                lowerWhisker: 2, upperWhisker: 80, outliers: [], outlierCount: 0 },
              { label: '1.4.3', count: 5000, min: 40, q1: 50, median: 60, q3: 70, max: 400,
                lowerWhisker: 40, upperWhisker: 100, outliers: [150, 400], outlierCount: 120 },
            ];
            const noGrid = { grid: { display: false } };
            """;

    /** Element geometry against the scales, plus pixels of the canvas, for the chart in {@code chart}. */
    private static final String MEASURE = """
            const meta = chart.getDatasetMeta(0);
            const v = meta.vScale;
            const i = meta.iScale;
            const horizontal = v.isHorizontal();
            const at = (value, across) => horizontal ? h.pixel(chart, value, across) : h.pixel(chart, across, value);
            return {
              horizontal, labels: i.getLabels(), scaleMin: v.min, scaleMax: v.max,
              boxes: meta.data.map((el, n) => {
                const b = boxes[n];
                const expect = (x) => v.getPixelForValue(x);
                return {
                  drawn: [el.lowerWhisker, el.q1, el.median, el.q3, el.upperWhisker],
                  expected: [b.lowerWhisker, b.q1, b.median, b.q3, b.upperWhisker].map(expect),
                  outliers: el.outliers, expectedOutliers: b.outliers.map(expect),
                  center: el.center, expectedCenter: i.getPixelForValue(n), thickness: el.thickness,
                  atMedian: at(el.median, el.center + el.thickness / 4),
                  insideBox: at((el.q1 + el.median) / 2, el.center + el.thickness / 4),
                  beyondWhisker: at((el.upperWhisker + (el.outliers.length ? el.outliers[el.outliers.length - 1] : v.getPixelForValue(v.max))) / 2, el.center),
                  pointsBeyondWhisker: countRuns(el.upperWhisker + (horizontal ? 6 : -6), el.center),
                };
              }),
            };
            // Separate painted stretches along the box's centre line, from `start` to past the scale's end.
            function countRuns(start, across) {
              const end = v.getPixelForValue(v.max) + (horizontal ? 4 : -4);
              const step = horizontal ? 1 : -1;
              let runs = 0, inRun = false;
              for (let p = start; p * step <= end * step; p += step) {
                const painted = at(p, across)[3] > 0;
                if (painted && !inRun) runs++;
                inRun = painted;
              }
              return runs;
            }
            """;

    @Test
    void horizontalBoxesSitAtTheirValuesAndTheScaleFitsTheFarthestOutlier() {
        JsonNode r = run(BOXES + """
                const chart = new h.Chart(h.canvas(640, 360), {
                  type: 'boxplot', data: { datasets: [{ data: boxes }] },
                  options: { indexAxis: 'y', scales: { x: noGrid, y: noGrid } },
                });
                """ + MEASURE);

        assertTrue(r.get("horizontal").asBoolean(), "indexAxis 'y': the value axis runs across");
        assertGeometry(r);
    }

    @Test
    void verticalBoxesWithoutIndexAxis() {
        JsonNode r = run(BOXES + """
                const chart = new h.Chart(h.canvas(480, 420), {
                  type: 'boxplot', data: { datasets: [{ data: boxes }] },
                  options: { scales: { x: noGrid, y: noGrid } },
                });
                """ + MEASURE);

        assertTrue(!r.get("horizontal").asBoolean());
        assertGeometry(r);
    }

    @Test
    void logarithmicValueScaleWhenThePageAsksForIt() {
        JsonNode r = run(BOXES + """
                const chart = new h.Chart(h.canvas(640, 360), {
                  type: 'boxplot', data: { datasets: [{ data: boxes }] },
                  options: { indexAxis: 'y', scales: { x: { type: 'logarithmic', grid: { display: false } }, y: noGrid } },
                });
                """ + MEASURE);

        assertGeometry(r);
        assertTrue(r.get("scaleMin").asDouble() <= 0.8, "down to the lowest whisker: " + r.get("scaleMin"));
    }

    /**
     * The time axis the performance and endpoint pages give their box plots (charts/time-axis.js): a
     * spread of shown times (whiskers, outliers) over 100× gets a logarithmic axis labelled at its 1-2-5
     * steps only; up to 100× a linear axis with every tick labelled.
     */
    @Test
    void timeAxisTurnsLogarithmicOnlyWhenTheSlowestShownTimeIsOverAHundredTimesTheFastest() {
        JsonNode r = run("""
                const box = (low, high, outliers) => ({ label: `${low}-${high}`, count: 10, min: low, q1: low,
                  median: (low + high) / 2, q3: high, max: Math.max(high, ...outliers), lowerWhisker: low,
                  upperWhisker: high, outliers, outlierCount: outliers.length });
                const axis = (boxes) => {
                  const chart = new h.Chart(h.canvas(640, 300), {
                    type: 'boxplot', data: { datasets: [{ data: boxes }] },
                    options: { indexAxis: 'y', scales: { x: h.timeAxis.timeAxis(boxes) } },
                  });
                  const x = chart.scales.x;
                  return { type: x.type, title: x.options.title.text, labels: x.ticks.map((t) => String(t.label)) };
                };
                return {
                  wide: axis([box(5, 20, []), box(8, 40, [5000])]),
                  edge: axis([box(5, 20, []), box(8, 40, [500])]),
                  narrow: axis([box(5, 20, []), box(8, 40, [450])]),
                };
                """);

        assertEquals("logarithmic", r.at("/wide/type").asText(), "5 ms to 5 s: 1000×");
        assertEquals("Execution time (logarithmic)", r.at("/wide/title").asText());
        List<String> shown = strings(r.at("/wide/labels")).stream().filter(l -> !l.isEmpty()).toList();
        assertTrue(shown.containsAll(List.of("10 ms", "100 ms", "1 s")), shown.toString());
        assertTrue(shown.stream().allMatch(l -> l.matches("[125]0{0,2} (ms|s)")), "1-2-5 steps only: " + shown);
        assertTrue(strings(r.at("/wide/labels")).contains(""), "the steps between are unlabelled");
        for (String linear : List.of("edge", "narrow")) {
            assertEquals("linear", r.at("/" + linear + "/type").asText(), linear + ": 100× at most");
            assertEquals("Execution time", r.at("/" + linear + "/title").asText());
            List<String> labels = strings(r.at("/" + linear + "/labels"));
            assertTrue(labels.size() > 2 && labels.stream().allMatch(l -> l.endsWith(" ms")), labels.toString());
        }
    }

    private static void assertGeometry(JsonNode r) {
        assertEquals(List.of("1.4.1", "1.4.2", "1.4.3"), strings(r.get("labels")));
        assertTrue(r.get("scaleMax").asDouble() >= 912, "the value scale reaches the largest outlier: " + r.get("scaleMax"));
        assertTrue(r.get("scaleMin").asDouble() <= 2, "and the lowest whisker: " + r.get("scaleMin"));
        JsonNode boxes = r.get("boxes");
        assertEquals(3, boxes.size());
        for (int n = 0; n < 3; n++) {
            JsonNode box = boxes.get(n);
            String which = "box " + n;
            assertPixels(box.get("expected"), box.get("drawn"), which + " whiskers, q1, median, q3");
            assertPixels(box.get("expectedOutliers"), box.get("outliers"), which + " outlier points");
            assertEquals(box.get("expectedCenter").asDouble(), box.get("center").asDouble(), 0.5, which + " band centre");
            assertTrue(box.get("thickness").asDouble() > 20, which + " thickness " + box.get("thickness"));
            assertTrue(ints(box.get("atMedian"))[3] == 255, which + ": median line painted " + box.get("atMedian"));
            assertTrue(ints(box.get("insideBox"))[3] > 0, which + ": box filled " + box.get("insideBox"));
            assertEquals(0, ints(box.get("beyondWhisker"))[3], which + ": nothing between whisker and far outlier");
        }
        assertEquals(0, boxes.get(1).get("pointsBeyondWhisker").asInt(), "no outliers, no points");
        assertEquals(2, boxes.get(2).get("pointsBeyondWhisker").asInt(), "the 2 listed outliers, not outlierCount");
    }

    private static void assertPixels(JsonNode expected, JsonNode actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int k = 0; k < expected.size(); k++) {
            assertEquals(expected.get(k).asDouble(), actual.get(k).asDouble(), 0.5, what + " [" + k + "]");
        }
    }

    @Test
    void hoveringABoxShowsItsSummary() {
        JsonNode r = run(BOXES + """
                const chart = new h.Chart(h.canvas(640, 360), {
                  type: 'boxplot', data: { datasets: [{ data: boxes }] }, options: { indexAxis: 'y' },
                });
                const [first, , third] = chart.getDatasetMeta(0).data;
                const onFirst = await h.hover(chart, (first.q1 + first.q3) / 2, first.center);
                const onOutlier = await h.hover(chart, third.outliers[1], third.center);
                const between = await h.hover(chart, third.outliers[1], (first.center + chart.getDatasetMeta(0).data[1].center) / 2);
                return { onFirst, onOutlier, between };
                """);

        assertArrayEquals(new int[] {0}, ints(r.at("/onFirst/active")));
        assertEquals(List.of("1.4.1"), strings(r.at("/onFirst/title")));
        assertEquals(List.of("median 11.5 ms · IQR 9.25 ms–14.8 ms · whiskers 0.8 ms–22.9 ms · n=1,200 · 3 outliers"),
                strings(r.at("/onFirst/body")));
        assertEquals(List.of("1.4.3"), strings(r.at("/onOutlier/title")), "an outlier point belongs to its box");
        assertEquals(List.of("median 60 ms · IQR 50 ms–70 ms · whiskers 40 ms–100 ms · n=5,000 · 120 outliers"),
                strings(r.at("/onOutlier/body")));
        assertEquals(0, r.at("/between/active").size(), "between two bands nothing is hovered");
    }

    @Test
    void colorsPerBoxFromArraysOrFunctions() {
        JsonNode r = run("""
                const box = (label, count, q1) => ({ label, count, q1, median: q1 + 20, q3: q1 + 40,
                  lowerWhisker: q1 - 10, upperWhisker: q1 + 50, outliers: [], outlierCount: 0 });
                const boxes = [box('a', 5000, 10), box('b', 10, 30), box('c', 2000, 50)];
                const noGrid = { grid: { display: false } };
                const fill = ['rgb(200, 0, 0)', 'rgb(0, 150, 0)', 'rgb(0, 0, 200)'];
                const chart = new h.Chart(h.canvas(640, 360), {
                  type: 'boxplot',
                  data: { datasets: [{ data: boxes, backgroundColor: fill,
                                       borderColor: (ctx) => ctx.raw.count > 1000 ? 'rgb(0, 0, 0)' : 'rgb(255, 0, 255)' }] },
                  options: { indexAxis: 'y', scales: { x: noGrid, y: noGrid } },
                });
                return chart.getDatasetMeta(0).data.map((el) => ({
                  fill: h.pixel(chart, (el.q1 + el.median) / 2, el.center + el.thickness / 4),
                  median: h.pixel(chart, el.median, el.center + el.thickness / 4),
                }));
                """);

        assertArrayEquals(new int[] {200, 0, 0, 255}, ints(r.get(0).get("fill")));
        assertArrayEquals(new int[] {0, 150, 0, 255}, ints(r.get(1).get("fill")));
        assertArrayEquals(new int[] {0, 0, 200, 255}, ints(r.get(2).get("fill")));
        assertArrayEquals(new int[] {0, 0, 0, 255}, ints(r.get(0).get("median")), "median in the border color");
        assertArrayEquals(new int[] {255, 0, 255, 255}, ints(r.get(1).get("median")));
    }

    @Test
    void anEmptyBoxPlotDrawsNothingWithoutError() {
        JsonNode r = run("""
                const chart = new h.Chart(h.canvas(400, 200), {
                  type: 'boxplot',
                  data: { datasets: [{ data: [], backgroundColor: (ctx) => ctx.raw.count > 5 ? 'red' : 'blue' }] },
                  options: { indexAxis: 'y' },
                });
                const hovered = await h.hover(chart, 200, 100);
                return { boxes: chart.getDatasetMeta(0).data.length, active: hovered.active.length };
                """);

        assertEquals(0, r.get("boxes").asInt());
        assertEquals(0, r.get("active").asInt());
    }
}
