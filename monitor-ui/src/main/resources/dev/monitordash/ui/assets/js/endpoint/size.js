// Drawing a section's chart again when its data changes: the canvas keeps its place in the page, the
// old Chart.js instance is destroyed first (Chart.js refuses a second chart on a canvas).

import { chartJs } from '../charts/charts.js';

export function draw(canvas, config) {
  const Chart = chartJs();
  Chart.getChart(canvas)?.destroy();
  return new Chart(canvas, config);
}

/**
 * Sets the height of a chart's box from its number of rows (boxes, bubble rows), so that a chart of
 * three users is not stretched and one of a hundred stays readable.
 */
export function fitHeight(box, rows, { perRow = 34, extra = 70, min = 160 } = {}) {
  box.style.height = `${Math.max(min, rows * perRow + extra)}px`;
}

/** Text of a "which one" axis tick, cut to what fits beside the plot (names can be long). */
export function cut(text, max) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The light grid every chart of the page uses. */
export const GRID = { color: '#eef1f4' };
