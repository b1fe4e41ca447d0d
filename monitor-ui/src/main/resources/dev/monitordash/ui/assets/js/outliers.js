// The outliers page of one endpoint (outliers?endpoint=<template>[&id=<outlier>]): the list of its
// outliers, CPU per core across them, and one outlier in detail — request, the request thread's stack,
// all threads by state, CPU per core, memory. Everything in an outlier came from a request or a thread
// dump: it is set as text only (dom.js), never as HTML.

import { getJson } from './api.js';
import { chartJs } from './charts/charts.js';
import { breakable, el, replace, showMessage } from './dom.js';
import { FilterBar } from './filters.js';
import { formatBytes, formatCount, formatMillis, formatPercent, formatTime } from './format.js';
import { session } from './layout.js';
import { endpointPage, profilePage } from './links.js';
import { stackLines, stackList, threadsByState } from './stack.js';
import { loadSection } from './states.js';
import { sortableTable } from './table.js';

const endpoint = new URLSearchParams(window.location.search).get('endpoint');
const $ = (id) => document.getElementById(id);
let timezone = 'UTC';
let cpuChart = null;
let boxChart = null;
let selectedRow = null; // id of the outlier shown in detail

function selectedId() {
  const id = new URLSearchParams(window.location.search).get('id');
  return id && /^\d+$/.test(id) ? id : null;
}

function pageUrl(id) {
  const params = new URLSearchParams(window.location.search);
  params.set('id', id);
  return `outliers?${params}`;
}

function listColumns() {
  return [
    {
      key: 'startedAt', label: 'Time', value: (o) => o.startedAt,
      render: (o) => el('a', { href: pageUrl(o.id), className: 'nowrap', text: formatTime(o.startedAt, timezone), dataset: { outlier: String(o.id) } }),
    },
    { key: 'durationMillis', label: 'Duration', numeric: true, value: (o) => o.durationMillis, render: (o) => formatMillis(o.durationMillis) },
    { key: 'thresholdMillis', label: 'Threshold', numeric: true, className: 'hide-small', value: (o) => o.thresholdMillis, render: (o) => formatMillis(o.thresholdMillis) },
    { key: 'user', label: 'User', value: (o) => o.user, render: (o) => o.user ?? '–' },
    { key: 'version', label: 'Version', value: (o) => o.version, render: (o) => o.version ?? '–' },
    { key: 'status', label: 'Status', numeric: true, value: (o) => o.status, render: (o) => String(o.status) },
  ];
}

function showList(data) {
  const table = sortableTable(listColumns(), data.outliers, {
    sortKey: 'startedAt', descending: true, caption: `Outliers of ${endpoint}`,
    rowAttributes: (o) => ({ dataset: { outlier: String(o.id) } }),
  });
  table.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-outlier]');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
      markSelected(selectedRow); // a click on a heading re-sorted the rows: mark the shown one again
      return;
    }
    event.preventDefault();
    window.history.replaceState(null, '', link.getAttribute('href'));
    loadDetail(link.dataset.outlier);
  });
  replace($('outliers-table'), table);
}

function markSelected(id) {
  selectedRow = id;
  for (const row of document.querySelectorAll('#outliers-table tbody tr')) {
    row.classList.toggle('selected', row.dataset.outlier === String(id));
  }
}

function describeCpuBox(box) {
  return `median ${formatPercent(box.median)} · IQR ${formatPercent(box.q1)}–${formatPercent(box.q3)}`
    + ` · whiskers ${formatPercent(box.lowerWhisker)}–${formatPercent(box.upperWhisker)} · n=${formatCount(box.count)}`;
}

function cpuBoxes(data) {
  const Chart = chartJs();
  $('outliers-cpu-box-holder').style.height = `${Math.max(140, data.cores.length * 28 + 60)}px`;
  if (boxChart) boxChart.destroy();
  boxChart = new Chart($('outliers-cpu-boxplot'), {
    type: 'boxplot',
    data: { labels: data.cores.map((b) => b.label), datasets: [{ label: 'CPU load (%)', data: data.cores }] },
    options: {
      indexAxis: 'y',
      scales: { x: { min: 0, max: 100, title: { display: true, text: 'CPU load (%)' } } },
      plugins: { tooltip: { callbacks: { label: (c) => describeCpuBox(c.raw) } } },
    },
  });
  const n = (v) => formatPercent(v);
  replace($('outliers-cpu-table'), el('p', { className: 'card-lead', text: `Over ${formatCount(data.outliers)} outliers.` }),
    sortableTable([
      { key: 'label', label: 'Core', value: (b) => Number(b.label.replace(/\D/g, '')), render: (b) => b.label },
      { key: 'min', label: 'Min', numeric: true, value: (b) => b.min, render: (b) => n(b.min) },
      { key: 'q1', label: 'Q1', numeric: true, value: (b) => b.q1, render: (b) => n(b.q1) },
      { key: 'median', label: 'Median', numeric: true, value: (b) => b.median, render: (b) => n(b.median) },
      { key: 'q3', label: 'Q3', numeric: true, value: (b) => b.q3, render: (b) => n(b.q3) },
      { key: 'max', label: 'Max', numeric: true, value: (b) => b.max, render: (b) => n(b.max) },
    ], data.cores, { caption: 'CPU load per core across the outliers: five numbers per core' }));
}

// ---- one outlier -------------------------------------------------------------------------------------

function keyValueTable(caption, rows) {
  return el('table', { className: 'kv' }, el('caption', { className: 'visually-hidden', text: caption }),
    el('tbody', {}, rows.map(([k, v]) => el('tr', {}, el('th', { scope: 'row', text: k }), el('td', {}, v)))));
}

function fieldTable(title, fields) {
  if (fields.length === 0) return el('p', { className: 'muted', text: `No ${title.toLowerCase()}.` });
  return el('div', { className: 'table-wrap' }, el('h3', { text: title }),
    el('table', { className: 'fields', dataset: { fields: title.toLowerCase() } },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Name' }), el('th', { scope: 'col', text: 'Value' }))),
      el('tbody', {}, fields.map((f) => el('tr', {}, el('td', { className: 'mono', text: f.name }),
        el('td', { className: 'mono wrap-anywhere', text: f.value }))))));
}

function renderRequest(d) {
  const o = d.outlier;
  const r = d.request;
  const rows = [
    ['URL', el('span', { className: 'mono wrap-anywhere', text: r ? r.url : o.url ?? '–' })],
    ['Query', el('span', { className: 'mono wrap-anywhere', text: r?.query ?? '–' })],
    ['Method', r?.method ?? o.method ?? '–'],
    ['Status', String(o.status)],
    ['User', o.user ?? r?.user ?? '–'],
    ['Version', o.version ?? '–'],
    ['Remote address', r?.remoteAddress ?? '–'],
    ['Started', formatTime(o.startedAt, timezone)],
    ['Duration', formatMillis(o.durationMillis)],
    ['Caught after', `${formatMillis(o.ranForMillis)} (threshold ${formatMillis(o.thresholdMillis)})`],
  ];
  const notes = [...(r?.notes ?? []), ...d.notes];
  replace($('outlier-request-body'),
    el('div', { className: 'table-wrap' }, keyValueTable('The request', rows)),
    r ? [fieldTable('Headers', r.headers), fieldTable('Parameters', r.parameters)]
      : el('p', { className: 'muted', text: 'The request could not be read when it was caught.' }),
    notes.length ? el('ul', { className: 'notes' }, notes.map((n) => el('li', { text: n }))) : null);
}

function stackSummary(name, stack) {
  const lines = stackLines(stack).filter((l) => l.kind !== 'info');
  const app = lines.filter((l) => l.kind === 'app').length;
  return `${name} · ${lines.length} frames, ${app} of the application`;
}

function renderStack(d) {
  const body = $('outlier-stack-body');
  if (!d.requestStack) {
    replace(body, el('p', { className: 'muted', text: `No stack of ${d.requestThread}: see the notes under Request.` }));
    return;
  }
  replace(body, el('details', { className: 'stack-box', open: true },
    el('summary', { text: stackSummary(d.requestThread, d.requestStack) }), stackList(d.requestStack, { fold: true })));
}

function threadSummary(t, isRequest) {
  const parts = [t.name, `#${t.id}`];
  if (t.daemon) parts.push('daemon');
  if (t.lock) parts.push(`waiting for ${t.lock}${t.lockOwner ? ` held by ${t.lockOwner}` : ''}`);
  if (isRequest) parts.push('the request thread');
  return parts.join(' · ');
}

function renderThreads(d) {
  const groups = threadsByState(d.threads);
  replace($('outlier-threads-body'),
    el('p', { className: 'card-lead', text: `${formatCount(d.threads.length)} threads when the outlier was caught.` }),
    // Open: blocked threads (a lock is the usual story) and the request thread's group.
    groups.map(([state, threads]) => el('details', {
      className: 'thread-group', dataset: { state },
      open: state === 'BLOCKED' || threads.some((t) => t.name === d.requestThread),
    },
      el('summary', {}, el('strong', { text: state }), ` (${threads.length})`),
      threads.map((t) => {
        const isRequest = t.name === d.requestThread;
        return el('details', { className: isRequest ? 'thread thread-request' : 'thread', open: isRequest },
          el('summary', { text: threadSummary(t, isRequest) }), stackList(t.stack));
      }))));
}

function renderCpu(d) {
  const cores = d.system.cpuPerCore;
  if (cpuChart) cpuChart.destroy();
  cpuChart = null;
  $('outlier-cpu-none').hidden = cores.length > 0;
  $('outlier-cpu-holder').hidden = cores.length === 0;
  if (cores.length === 0) return;
  const Chart = chartJs();
  cpuChart = new Chart($('outlier-cpu-chart'), {
    type: 'bar',
    data: {
      labels: cores.map((_, i) => `CPU ${i}`),
      datasets: [{ label: 'Load (%)', data: cores, backgroundColor: 'rgba(36, 87, 214, 0.7)', borderColor: '#2457d6', borderWidth: 1, maxBarThickness: 40 }],
    },
    options: {
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (c) => formatPercent(c.parsed.y) } } },
      scales: { y: { beginAtZero: true, max: 100, title: { display: true, text: '%' } }, x: { grid: { display: false } } },
    },
  });
}

function meter(part, whole) {
  if (!(whole > 0) || part < 0) return null;
  const fill = el('span', { className: 'meter-fill' });
  fill.style.width = `${Math.min(100, (part / whole) * 100).toFixed(1)}%`;
  return el('span', { className: 'meter', role: 'img', 'aria-label': `${Math.round((part / whole) * 100)} %` }, fill);
}

function renderMemory(d) {
  const s = d.system;
  const used = s.memoryTotal > 0 && s.memoryAvailable >= 0 ? s.memoryTotal - s.memoryAvailable : -1;
  const heapLimit = s.heapMax > 0 ? s.heapMax : s.heapCommitted;
  const rows = [
    ['System memory', `${formatBytes(used)} used of ${formatBytes(s.memoryTotal)}`, meter(used, s.memoryTotal)],
    ['Heap', `${formatBytes(s.heapUsed)} used, ${formatBytes(s.heapCommitted)} committed, max ${formatBytes(s.heapMax)}`, meter(s.heapUsed, heapLimit)],
    ['Non-heap', `${formatBytes(s.nonHeapUsed)} used, ${formatBytes(s.nonHeapCommitted)} committed`, meter(s.nonHeapUsed, s.nonHeapCommitted)],
    ['Garbage collection', `${formatCount(s.gcCount)} collections, ${formatMillis(s.gcTimeMillis)} in total`, null],
    ['Threads', `${formatCount(s.threadCount)} live, ${formatCount(s.daemonThreadCount)} daemon, peak ${formatCount(s.peakThreadCount)}`, null],
    ['CPU, all cores', formatPercent(s.cpuTotal), meter(s.cpuTotal, 100)],
    ['Load average', s.loadAverage.map((l) => (l < 0 ? '–' : l.toFixed(2))).join(' / ') + ' (1, 5, 15 min)', null],
  ];
  replace($('outlier-memory-body'), el('table', { className: 'kv' },
    el('caption', { className: 'visually-hidden', text: 'Memory, garbage collection and threads' }),
    el('tbody', {}, rows.map(([k, v, bar]) => el('tr', {}, el('th', { scope: 'row', text: k }), el('td', {}, v), el('td', { className: 'meter-cell' }, bar))))),
  el('p', { className: 'muted', text: `Sampled ${formatTime(s.sampledAt, timezone)}.` }));
}

async function loadDetail(id) {
  markSelected(id);
  $('outlier-detail').hidden = false;
  const sections = ['outlier-request', 'outlier-stack', 'outlier-threads', 'outlier-cpu', 'outlier-memory'].map($);
  const answer = getJson(`api/outlier?id=${encodeURIComponent(id)}`);
  const renderers = [renderRequest, renderStack, renderThreads, renderCpu, renderMemory];
  const shown = await Promise.all(sections.map((section, i) => loadSection(section, () => answer, renderers[i], { isEmpty: () => false })));
  const d = shown[0];
  if (d) replace($('outlier-title'), `Outlier of ${formatTime(d.outlier.startedAt, timezone)} · ${formatMillis(d.outlier.durationMillis)}`);
}

async function main() {
  if (!endpoint) {
    showMessage($('outliers-error'), 'Which endpoint? Open this page from an endpoint, e.g. outliers?endpoint=/orders/{id}.');
    for (const id of ['outliers-list', 'outliers-cpu-boxes']) $(id).hidden = true;
    return;
  }
  replace($('outliers-endpoint'), breakable(endpoint));
  $('outliers-profile-link').setAttribute('href', profilePage(endpoint));
  $('outliers-endpoint-link').setAttribute('href', endpointPage(endpoint));
  ({ timezone } = await session);
  const filters = new FilterBar($('outliers-filters'), () => load());
  filters.range({ timeZone: timezone, defaultDays: 365 });
  filters.number('limit', 'Newest', { min: 1, max: 1000, defaultValue: 100 });
  const load = async () => {
    const params = filters.params({ endpoint }).toString();
    const list = await loadSection($('outliers-list'), () => getJson(`api/outliers?${params}`), showList, {
      empty: 'No outliers in this range. At monitoring level 2 a request that runs past its endpoint\'s threshold appears here.',
    });
    loadSection($('outliers-cpu-boxes'), () => getJson(`api/outliers/cpu?${params}`), cpuBoxes, {
      empty: 'No CPU values: no outliers in this range, or the platform gives no load per core.',
    });
    const wanted = selectedId() ?? (list && list.outliers.length ? String(list.outliers[0].id) : null);
    if (wanted) loadDetail(wanted);
  };
  load();
}

main();
