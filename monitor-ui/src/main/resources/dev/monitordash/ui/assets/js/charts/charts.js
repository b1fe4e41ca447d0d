// The one entry to Chart.js for every page: `const Chart = chartJs(); new Chart(canvas, config)`.
// Chart.js itself is the webjar's UMD build (assets/vendor/chart.umd.js, loaded by the layout before
// the page's module runs); this adds our chart types ('matrix', 'boxplot') and the shared look.

import { boxPlotChartType } from './boxplot.js';
import { matrixChartType } from './matrix.js';

let registered = null;

/** window.Chart with our chart types registered and the dashboard's defaults set (once). */
export function chartJs() {
  const Chart = window.Chart;
  if (typeof Chart !== 'function') {
    throw new Error('Chart.js is not loaded: the page must include assets/vendor/chart.umd.js');
  }
  if (registered !== Chart) {
    Chart.register(...matrixChartType(Chart), ...boxPlotChartType(Chart));
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.color = '#5f6b76';
    Chart.defaults.animation = false;
    Chart.defaults.responsive = true;
    Chart.defaults.maintainAspectRatio = false;
    registered = Chart;
  }
  return Chart;
}
