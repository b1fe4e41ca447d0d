// The traffic page: the hourly load of all endpoints as a days × 24 hours heatmap (seed fig. 3.2a for
// the whole application) and the daily requests per endpoint as stacked bars.

import { getJson } from './api.js';
import { heatColor, heatLegend } from './charts/heat.js';
import { colorFor } from './colors.js';
import { replace } from './dom.js';
import { formatCount, formatCountOf } from './format.js';
import { drawChart, GRID } from './charts/draw.js';
import { noRequestsHint, sizeChart, startAnalyticsPage } from './analytics.js';
import { loadSection } from './states.js';

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
/** Endpoints with a bar of their own; the rest are added up, so the legend and colors stay readable. */
const TOP_ENDPOINTS = 10;
const OTHER_COLOR = '#aab4be';

const sum = (values) => values.reduce((a, b) => a + b, 0);

/** "06-19" for "2025-06-19": the year is in the range filter, the axis has little room. */
function dayTick(scale, value) {
  return String(scale.getLabelForValue(value)).slice(5);
}

function drawLoad(data) {
  const cells = [];
  data.days.forEach((day, i) => data.counts[i].forEach((v, hour) => cells.push({ x: day, y: HOURS[hour], v })));
  const max = Math.max(0, ...cells.map((c) => c.v));
  sizeChart('load-box', { height: 24 * 15 + 70, minWidth: data.days.length * 12 + 70 });
  drawChart(document.getElementById('load-chart'), {
    type: 'matrix',
    data: {
      labels: data.days,
      datasets: [{ label: 'Requests', data: cells, backgroundColor: (ctx) => heatColor(ctx.raw.v, max) }],
    },
    options: {
      scales: {
        x: { ticks: { maxRotation: 0, autoSkipPadding: 10, callback(value) { return dayTick(this, value); } } },
        y: { labels: HOURS, title: { display: true, text: `Hour (${data.zone})` } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: ([item]) => `${item.raw.x}, ${item.raw.y}:00–${item.raw.y}:59`,
            label: (item) => formatCountOf(item.raw.v, 'request'),
          },
        },
      },
    },
  });
  replace(document.getElementById('load-legend'), heatLegend(max, 'Requests per hour', formatCount));
}

/** The busiest endpoints with their own series, the others as one "other endpoints" series. */
function series(data) {
  const ranked = data.endpoints
    .map((e) => ({ ...e, total: sum(e.hits) }))
    .sort((a, b) => b.total - a.total || a.endpoint.localeCompare(b.endpoint));
  // One endpoint more than the limit gets its own bar: an "other" of one would hide a name for nothing.
  const shown = ranked.length <= TOP_ENDPOINTS + 1 ? ranked : ranked.slice(0, TOP_ENDPOINTS);
  const rest = ranked.slice(shown.length);
  const datasets = shown.map((e) => ({
    label: e.endpoint, data: e.hits, backgroundColor: colorFor(e.endpoint, 0.8), borderColor: colorFor(e.endpoint),
  }));
  if (rest.length > 0) {
    datasets.push({
      label: `${rest.length} other endpoints`,
      data: data.days.map((_, i) => sum(rest.map((e) => e.hits[i]))),
      backgroundColor: OTHER_COLOR, borderColor: OTHER_COLOR,
    });
  }
  return { datasets, shown: shown.length, total: ranked.length };
}

function drawDaily(data) {
  const { datasets, shown, total } = series(data);
  document.getElementById('daily-note').textContent = shown === total
    ? `${formatCountOf(total, 'endpoint')} with requests in this range.`
    : `The ${shown} busiest of ${total} endpoints; the other ${total - shown} are added up in grey.`;
  const legendRows = Math.ceil(datasets.length / 3);
  sizeChart('daily-box', { height: 300 + legendRows * 20, minWidth: data.days.length * 12 + 70 });
  drawChart(document.getElementById('daily-chart'), {
    type: 'bar',
    data: { labels: data.days, datasets },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 10, callback(value) { return dayTick(this, value); } } },
        y: { stacked: true, beginAtZero: true, ticks: { precision: 0 }, grid: GRID, title: { display: true, text: 'Requests' } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: {
          filter: (item) => item.raw > 0,
          itemSort: (a, b) => b.raw - a.raw,
          callbacks: {
            label: (item) => `${item.dataset.label}: ${formatCount(item.raw)}`,
            footer: (items) => `Total: ${formatCount(sum(items.map((i) => i.raw)))}`,
          },
        },
      },
    },
  });
}

function load(params) {
  const query = params.toString();
  return Promise.all([
    loadSection(document.getElementById('load-section'), () => getJson(`api/analytics/load?${query}`), drawLoad,
      { empty: noRequestsHint(), isEmpty: (d) => d.total === 0 }),
    loadSection(document.getElementById('daily-section'), () => getJson(`api/analytics/daily-hits?${query}`), drawDaily,
      { empty: noRequestsHint(), isEmpty: (d) => d.endpoints.length === 0 }),
  ]);
}

startAnalyticsPage(load);
