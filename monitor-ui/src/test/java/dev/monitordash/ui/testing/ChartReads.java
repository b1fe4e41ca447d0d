package dev.monitordash.ui.testing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.DoubleStream;

/**
 * What page tests read from Chart.js beyond {@link BrowserSession}'s labels and data: tick texts as
 * drawn, a chart's identity (to tell a redraw), box plot counts, bubbles, and sums over a dataset.
 */
public final class ChartReads {

    private final BrowserSession browser;

    public ChartReads(BrowserSession browser) {
        this.browser = browser;
    }

    /** The axis' tick texts as drawn (after tick callbacks); lines of a multi-line tick joined by " | ". */
    @SuppressWarnings("unchecked")
    public List<String> ticks(String canvasId, String axis) {
        browser.awaitChart(canvasId);
        return (List<String>) browser.js("return Chart.getChart(document.getElementById(arguments[0]))"
                + ".scales[arguments[1]].ticks.map(t => [].concat(t.label).join(' | '))", canvasId, axis);
    }

    /** Chart.js's id of the chart on the canvas: a new one each time the chart is drawn again. */
    public Object chartId(String canvasId) {
        browser.awaitChart(canvasId);
        return browser.js("return Chart.getChart(document.getElementById(arguments[0])).id", canvasId);
    }

    /** The {@code count} of each box of a box plot's first dataset. */
    public List<Long> boxCounts(String canvasId) {
        return browser.chartData(canvasId, 0).stream().map(b -> ((Number) ((Map<?, ?>) b).get("count")).longValue())
                .toList();
    }

    /** The non-zero cells of a matrix chart (heatmap), keyed "x y" (e.g. "2025-06-19 10:00"), sorted. */
    public Map<String, Long> matrixCells(String canvasId) {
        Map<String, Long> cells = new java.util.TreeMap<>();
        for (Object item : browser.chartData(canvasId, 0)) {
            Map<?, ?> cell = (Map<?, ?>) item;
            long v = ((Number) cell.get("v")).longValue();
            if (v > 0) {
                cells.put(cell.get("x") + " " + cell.get("y"), v);
            }
        }
        return cells;
    }

    /** The number of data items over all datasets (e.g. bubbles, one dataset per version). */
    public int itemCount(String canvasId) {
        int n = 0;
        for (int i = 0; i < browser.datasetLabels(canvasId).size(); i++) {
            n += browser.chartData(canvasId, i).size();
        }
        return n;
    }

    public static List<Long> longs(List<Object> values) {
        return values.stream().map(v -> ((Number) v).longValue()).toList();
    }

    /** Sum of a dataset's numbers; gaps (null) count as nothing. */
    public static double sum(List<Object> values) {
        return numbers(values).sum();
    }

    public static double max(List<Object> values) {
        return numbers(values).max().orElseThrow();
    }

    public static double min(List<Object> values) {
        return numbers(values).min().orElseThrow();
    }

    private static DoubleStream numbers(List<Object> values) {
        return values.stream().filter(Objects::nonNull).mapToDouble(v -> ((Number) v).doubleValue());
    }
}
