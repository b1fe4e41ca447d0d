// The API performance page: one horizontal box plot of execution times per endpoint (the seed's
// per-version box plots, fig. 3.2d, across endpoints), each leading to the endpoint's own page, and
// the same figures as a sortable table with links.

import { getJson } from './api.js';
import { describeBox } from './charts/boxplot.js';
import { colorFor } from './colors.js';
import { breakable, el } from './dom.js';
import { formatCount, formatCountOf, formatMillis } from './format.js';
import { drawChart, shorten } from './charts/draw.js';
import { LOG_SCALE_RATIO, needsLogScale } from './charts/time-axis.js';
import { timeBoxPlot } from './charts/time-boxes.js';
import {
  endpointHref, linkCategories, noRequestsHint, sizeChart, startAnalyticsPage,
} from './analytics.js';
import { loadSection } from './states.js';
import { sortableTable } from './table.js';

function drawBoxes(boxes) {
  const logarithmic = needsLogScale(boxes);
  sizeChart('performance-box', { height: boxes.length * 40 + 70 });
  // Two lines: the endpoint, cut to what fits beside the plot, and how many requests the box holds.
  drawChart(document.getElementById('performance-chart'), timeBoxPlot(boxes, (i, chart) => [
    shorten(boxes[i].label, Math.max(12, Math.round(chart.width / 24))), formatCountOf(boxes[i].count, 'request'),
  ]));
  linkCategories('performance-chart', 'y', endpointHref);
  document.getElementById('performance-note').textContent = `${formatCountOf(boxes.length, 'endpoint')} with requests in this range.`
    + (logarithmic ? ` The time axis is logarithmic: the slowest are over ${LOG_SCALE_RATIO} times slower than the fastest.` : '');
}

function endpointLink(box) {
  const swatch = el('span', { className: 'swatch', 'aria-hidden': 'true' });
  swatch.style.backgroundColor = colorFor(box.label);
  return el('a', { className: 'mono', href: endpointHref(box.label), title: describeBox(box) }, swatch, breakable(box.label));
}

const COLUMNS = [
  { key: 'endpoint', label: 'Endpoint', value: (b) => b.label, render: endpointLink },
  { key: 'count', label: 'Requests', numeric: true, value: (b) => b.count, render: (b) => formatCount(b.count) },
  { key: 'median', label: 'Median', numeric: true, value: (b) => b.median, render: (b) => formatMillis(b.median) },
  { key: 'q3', label: 'Middle half', numeric: true, className: 'hide-small', value: (b) => b.q3,
    render: (b) => `${formatMillis(b.q1)} – ${formatMillis(b.q3)}` },
  { key: 'max', label: 'Slowest', numeric: true, value: (b) => b.max, render: (b) => formatMillis(b.max) },
  { key: 'outliers', label: 'Outliers', numeric: true, className: 'hide-small', value: (b) => b.outlierCount,
    render: (b) => formatCount(b.outlierCount) },
];

function render(data) {
  drawBoxes(data.endpoints);
  const table = document.getElementById('performance-table');
  table.replaceChildren(sortableTable(COLUMNS, data.endpoints, {
    sortKey: 'median', descending: true, caption: 'Execution time per endpoint',
    rowAttributes: (b) => ({ dataset: { endpoint: b.label } }),
  }));
}

function load(params) {
  return loadSection(document.getElementById('performance-section'),
    () => getJson(`api/analytics/performance?${params}`), render,
    { empty: noRequestsHint(), isEmpty: (d) => d.endpoints.length === 0 });
}

startAnalyticsPage(load);
