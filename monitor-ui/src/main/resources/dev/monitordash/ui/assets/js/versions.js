// The version usage page: an endpoint × version heatmap of each version's share of the endpoint's
// requests in the range (blue: none or few, white: half, red: all), versions oldest first; below it the
// same shares as a sortable table with a link per endpoint, for the keyboard and screen readers.

import { getJson } from './api.js';
import { matrixCellLabels } from './charts/cell-labels.js';
import { heatColor, heatLegend } from './charts/heat.js';
import { el, replace } from './dom.js';
import { formatCount, formatCountOf, formatShare } from './format.js';
import { drawChart, shorten } from './charts/draw.js';
import {
  endpointHref, linkCategories, noRequestsHint, sizeChart, startAnalyticsPage,
} from './analytics.js';
import { endpointLink } from './links.js';
import { loadSection } from './states.js';
import { sortableTable } from './table.js';

// One row per endpoint: its requests in the range and, per version, the share as text ("25% (10)"); a
// version that served none of its requests is "–" and sorts last.
function shareTable(data, endpoints) {
  const rows = endpoints.map((endpoint) => ({ endpoint, total: 0, byVersion: new Map() }));
  const rowOf = new Map(rows.map((r) => [r.endpoint, r]));
  for (const c of data.cells) {
    const row = rowOf.get(c.endpoint);
    row.total += c.requests;
    row.byVersion.set(c.version, c);
  }
  const columns = [
    { key: 'endpoint', label: 'Endpoint', value: (r) => r.endpoint, render: (r) => endpointLink(r.endpoint) },
    { key: 'requests', label: 'Requests', numeric: true, value: (r) => r.total, render: (r) => formatCount(r.total) },
    ...data.versions.map((version) => ({
      key: `version:${version}`, label: version, numeric: true,
      value: (r) => r.byVersion.get(version)?.share ?? null,
      render: (r) => {
        const cell = r.byVersion.get(version);
        return cell ? `${formatShare(cell.share)} (${formatCount(cell.requests)})` : el('span', { className: 'muted', text: '–' });
      },
    })),
  ];
  return sortableTable(columns, rows, {
    caption: 'Share of each endpoint\'s requests per version, with the number of requests',
    rowAttributes: (r) => ({ dataset: { endpoint: r.endpoint } }),
  });
}

function render(data) {
  const endpoints = [...new Set(data.cells.map((c) => c.endpoint))].sort();
  const cells = data.cells.map((c) => ({ x: c.version, y: c.endpoint, v: c.share, requests: c.requests }));
  // On an absolute scale (white = half, red = all of an endpoint's requests) a version that took over
  // stands out; the share written in each cell tells apart versions that split the range evenly.
  const max = 1;
  document.getElementById('versions-note').textContent =
    `${formatCountOf(endpoints.length, 'endpoint')} and ${formatCountOf(data.versions.length, 'version')} with requests `
    + 'in this range, oldest version first. '
    + 'An empty cell: no request of that endpoint ran on that version. Click an endpoint or a cell for the endpoint\'s page;'
    + ' the table below has the same shares and a link to each endpoint.';
  sizeChart('versions-box', {
    height: endpoints.length * 28 + 90, minWidth: data.versions.length * 56 + 180, maxWidth: data.versions.length * 140 + 260,
  });
  drawChart(document.getElementById('versions-chart'), {
    type: 'matrix',
    data: {
      labels: data.versions,
      datasets: [{ label: 'Share', data: cells, backgroundColor: (ctx) => heatColor(ctx.raw.v, max) }],
    },
    plugins: [matrixCellLabels((cell) => formatShare(cell.v))],
    options: {
      scales: {
        x: { position: 'top', title: { display: true, text: 'Version' } },
        y: {
          labels: endpoints,
          ticks: { callback(value) { return shorten(endpoints[value], Math.max(12, Math.round(this.chart.width / 22))); } },
        },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: ([item]) => `${item.raw.y} · version ${item.raw.x}`,
            label: (item) => `${formatShare(item.raw.v)} of its requests (${formatCount(item.raw.requests)})`,
          },
        },
      },
    },
  });
  linkCategories('versions-chart', 'y', endpointHref);
  replace(document.getElementById('versions-legend'), heatLegend(max, 'Share of the endpoint\'s requests', formatShare));
  replace(document.getElementById('versions-table'), shareTable(data, endpoints));
}

function load(params) {
  return loadSection(document.getElementById('versions-section'),
    () => getJson(`api/analytics/version-usage?${params}`), render,
    { empty: noRequestsHint(), isEmpty: (d) => d.cells.length === 0 });
}

startAnalyticsPage(load);
