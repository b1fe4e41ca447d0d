// Status codes of the endpoint's requests (a bar per code) and its most recent failed requests (status
// ≥ 400, newest first) as a table: every value set as text, since paths, users and addresses come from
// the monitored application's clients.

import { el, replace } from '../dom.js';
import { formatAgo, formatCount, formatMillis, formatTime } from '../format.js';
import { sortableTable } from '../table.js';
import { drawChart, GRID } from '../charts/draw.js';

// One color per status class, so a 5xx bar reads as trouble at a glance.
const CLASS_COLORS = { 2: '#137333', 3: '#2166ac', 4: '#d08700', 5: '#b2182b' };

function classColor(status) {
  return CLASS_COLORS[Math.floor(status / 100)] ?? '#5f6b76';
}

function text(value, fallback = '–') {
  return value === null || value === undefined || value === '' ? fallback : String(value);
}

function columns(timeZone) {
  return [
    {
      key: 'startedAt', label: 'Time', className: 'nowrap', value: (r) => r.startedAt,
      render: (r) => el('span', { title: formatAgo(r.startedAt), text: formatTime(r.startedAt, timeZone) }),
    },
    { key: 'status', label: 'Status', numeric: true, value: (r) => r.status, render: (r) => String(r.status) },
    { key: 'method', label: 'Method', value: (r) => r.method, render: (r) => el('span', { className: 'method', text: r.method }) },
    { key: 'durationMillis', label: 'Time taken', numeric: true, value: (r) => r.durationMillis, render: (r) => formatMillis(r.durationMillis) },
    { key: 'version', label: 'Version', value: (r) => r.version, render: (r) => text(r.version) },
    { key: 'user', label: 'User', value: (r) => r.user, render: (r) => text(r.user) },
    { key: 'clientIp', label: 'Client address', className: 'hide-small', value: (r) => r.clientIp, render: (r) => text(r.clientIp) },
    { key: 'instance', label: 'Instance', className: 'hide-small', value: (r) => r.instance, render: (r) => text(r.instance) },
  ];
}

/** data: the api/endpoint/status answer ({codes, failed}). */
export function renderStatus(canvas, tableContainer, none, data, timeZone) {
  drawChart(canvas, {
    type: 'bar',
    data: {
      labels: data.codes.map((c) => String(c.status)),
      datasets: [{
        label: 'Requests',
        data: data.codes.map((c) => c.requests),
        backgroundColor: data.codes.map((c) => classColor(c.status)),
        borderWidth: 0,
        maxBarThickness: 48,
      }],
    },
    options: {
      scales: {
        x: { grid: { display: false }, title: { display: true, text: 'Status code' } },
        y: { beginAtZero: true, ticks: { precision: 0 }, grid: GRID },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${formatCount(item.raw)} requests` } },
      },
    },
  });
  none.hidden = data.failed.length > 0;
  replace(tableContainer, data.failed.length === 0 ? null : sortableTable(columns(timeZone), data.failed, {
    sortKey: 'startedAt', descending: true, caption: 'Most recent failed requests',
  }));
}
