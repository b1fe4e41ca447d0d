// The horizontal box plot of execution times the performance page (one box per endpoint) and the
// endpoint page (per version, per user) draw: boxes colored by their name, on the shared time axis.

import { colorFor } from '../colors.js';
import { timeAxis } from './time-axis.js';

/**
 * Chart.js config for API box objects whose label names their category; tickLines(index, chart) gives
 * the text beside box `index` (one string per line), cut to what fits the chart's width.
 */
export function timeBoxPlot(boxes, tickLines) {
  return {
    type: 'boxplot',
    data: {
      labels: boxes.map((b) => b.label),
      datasets: [{
        label: 'Execution time',
        data: boxes,
        backgroundColor: boxes.map((b) => colorFor(b.label, 0.3)),
        borderColor: boxes.map((b) => colorFor(b.label)),
      }],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: timeAxis(boxes),
        y: {
          grid: { display: false },
          // Every box keeps its name: the box's height is sized for its tick lines.
          ticks: { autoSkip: false, callback(value) { return tickLines(value, this.chart); } },
        },
      },
    },
  };
}
