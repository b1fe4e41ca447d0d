// What every page's charts share: drawing a chart again on the same canvas when its data changes, the
// light grid, and category names cut to what fits beside the plot.

import { chartJs } from './charts.js';

/**
 * Draws a chart on the canvas, replacing the chart drawn there before (Chart.js refuses a second chart
 * on a canvas); the canvas keeps its place in the page.
 */
export function drawChart(canvas, config) {
  const Chart = chartJs();
  Chart.getChart(canvas)?.destroy();
  return new Chart(canvas, config);
}

/** A long name cut to `max` characters with an ellipsis, for axis labels (tooltips show it whole). */
export function shorten(text, max) {
  return text.length > max ? `${text.slice(0, Math.max(1, max - 1))}…` : text;
}

/** The light grid of every chart's value axis. */
export const GRID = { color: '#eef1f4' };
