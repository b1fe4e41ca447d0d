// The overview page: per endpoint hits today / last 7 days / all time, median, errors, last request,
// a bar chart of the busiest endpoints (Chart.js, from the dashboard's own asset route), and the newest
// version's automatic report (version-report.js).

import { getJson } from './api.js';
import { GRID, shorten } from './charts/draw.js';
import { colorFor } from './colors.js';
import { el, showMessage } from './dom.js';
import { formatAgo, formatCount, formatMillis, formatTime } from './format.js';
import { session } from './layout.js';
import { endpointLink } from './links.js';
import { sortableTable } from './table.js';
import { loadVersionReport } from './version-report.js';

const CHART_MAX_ENDPOINTS = 12;

function endpointCell(row) {
  return endpointLink(row.endpoint);
}

function columns(timezone) {
  return [
    { key: 'endpoint', label: 'Endpoint', value: (r) => r.endpoint, render: endpointCell },
    { key: 'hitsToday', label: 'Today', numeric: true, value: (r) => r.hitsToday, render: (r) => formatCount(r.hitsToday) },
    { key: 'hitsLast7Days', label: 'Last 7 days', numeric: true, value: (r) => r.hitsLast7Days, render: (r) => formatCount(r.hitsLast7Days) },
    { key: 'hitsTotal', label: 'All time', numeric: true, value: (r) => r.hitsTotal, render: (r) => formatCount(r.hitsTotal) },
    { key: 'medianMillis', label: 'Median', numeric: true, value: (r) => r.medianMillis, render: (r) => formatMillis(r.medianMillis) },
    {
      key: 'errors', label: 'Errors', numeric: true, value: (r) => r.errors,
      render: (r) => el('span', { className: r.errors > 0 ? 'errors-nonzero' : null, text: formatCount(r.errors) }),
    },
    {
      key: 'lastRequested', label: 'Last requested', numeric: true, className: 'hide-small',
      value: (r) => r.lastRequested,
      render: (r) => el('span', { title: formatAgo(r.lastRequested), text: formatTime(r.lastRequested, timezone) }),
    },
  ];
}

function drawChart(rows) {
  const card = document.getElementById('overview-chart-card');
  const busiest = rows.filter((r) => r.hitsLast7Days > 0)
    .sort((a, b) => b.hitsLast7Days - a.hitsLast7Days)
    .slice(0, CHART_MAX_ENDPOINTS);
  if (busiest.length === 0 || typeof window.Chart !== 'function') return;
  card.hidden = false;
  const box = card.querySelector('.chart-box');
  box.style.height = `${Math.max(140, busiest.length * 30 + 50)}px`;
  const Chart = window.Chart;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#5f6b76';
  new Chart(document.getElementById('hits-chart'), {
    type: 'bar',
    data: {
      labels: busiest.map((r) => r.endpoint),
      datasets: [{
        label: 'Hits in the last 7 days',
        data: busiest.map((r) => r.hitsLast7Days),
        backgroundColor: busiest.map((r) => colorFor(r.endpoint, 0.75)),
        borderColor: busiest.map((r) => colorFor(r.endpoint)),
        borderWidth: 1,
        borderRadius: 3,
        maxBarThickness: 22,
      }],
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      animation: false,
      plugins: { legend: { display: false } },
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 }, grid: GRID },
        y: {
          grid: { display: false },
          ticks: {
            // Long names are cut to what fits beside the bars: a third of the chart's width.
            callback(value) {
              return shorten(this.getLabelForValue(value), Math.max(12, Math.round(this.chart.width / 21)));
            },
          },
        },
      },
    },
  });
}

async function main() {
  const error = document.getElementById('overview-error');
  try {
    const { timezone } = await session;
    const data = await getJson('api/overview');
    const rows = data.endpoints;
    const recorded = rows.reduce((sum, r) => sum + r.hitsTotal, 0);
    document.getElementById('overview-empty').hidden = recorded > 0;
    if (recorded === 0) return;
    document.getElementById('overview-table').append(sortableTable(columns(timezone), rows, {
      sortKey: 'hitsLast7Days', descending: true, caption: 'Requests per endpoint',
      rowAttributes: (r) => ({ dataset: { endpoint: r.endpoint } }),
    }));
    drawChart(rows);
    await loadVersionReport(timezone);
  } catch (e) {
    if (e.status !== 401) showMessage(error, `Could not load the overview: ${e.message}`);
  }
}

main();
