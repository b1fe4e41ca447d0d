// The errors page: failed requests grouped by cause (api/errors) with a per-day sparkline, and one cause
// in detail (api/error: versions, endpoints, the first occurrence's stack). The range and the chosen
// cause live in the URL. Messages and stacks came from the application: set as text only (dom.js).

import { getJson } from './api.js';
import { breakable, el, replace } from './dom.js';
import { FilterBar } from './filters.js';
import { formatCount, formatTime } from './format.js';
import { session } from './layout.js';
import { endpointLink } from './links.js';
import { stackList } from './stack.js';
import { loadSection } from './states.js';
import { sortableTable } from './table.js';

const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';
let timezone = 'UTC';
let filters = null;

function selectedId() {
  const id = new URLSearchParams(window.location.search).get('group');
  return id && /^\d+$/.test(id) ? id : null;
}

function groupUrl(id) {
  const params = new URLSearchParams(window.location.search);
  params.set('group', id);
  return `errors?${params}`;
}

/** Bars of occurrences per day, as an inline SVG (one rect per day; a day without any is a baseline tick). */
export function sparkline(days, { width = 120, height = 24 } = {}) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const max = Math.max(1, ...days.map((d) => d.occurrences));
  const step = width / Math.max(1, days.length);
  days.forEach((d, i) => {
    const h = d.occurrences === 0 ? 1 : Math.max(2, Math.round((d.occurrences / max) * (height - 1)));
    const rect = document.createElementNS(SVG, 'rect');
    rect.setAttribute('x', (i * step).toFixed(2));
    rect.setAttribute('y', String(height - h));
    rect.setAttribute('width', Math.max(1, step - 1).toFixed(2));
    rect.setAttribute('height', String(h));
    rect.setAttribute('class', d.occurrences === 0 ? 'spark-none' : 'spark-bar');
    const title = document.createElementNS(SVG, 'title');
    title.textContent = `${d.day}: ${formatCount(d.occurrences)}`;
    rect.append(title);
    svg.append(rect);
  });
  const label = `${formatCount(days.reduce((a, d) => a + d.occurrences, 0))} over ${days.length} days`;
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  return svg;
}

function shortClass(name) {
  return name ? name.slice(name.lastIndexOf('.') + 1) : '';
}

function causeCell(g) {
  return el('div', { className: 'error-cause' },
    el('a', { href: groupUrl(g.id), className: 'mono', title: g.exception, text: shortClass(g.exception), dataset: { group: String(g.id) } }),
    g.rootCause ? el('span', { className: 'muted small', text: ` caused by ${shortClass(g.rootCause)}` }) : null,
    g.message ? el('span', { className: 'row-note error-message', text: g.message }) : null,
    g.frame ? el('span', { className: 'row-note mono' }, 'at ', breakable(g.frame, '.$')) : null);
}

function columns() {
  return [
    { key: 'cause', label: 'Cause', value: (g) => g.exception, render: causeCell },
    { key: 'occurrences', label: 'Requests', numeric: true, value: (g) => g.occurrences, render: (g) => formatCount(g.occurrences) },
    { key: 'days', label: 'Per day', value: (g) => g.occurrences, render: (g) => sparkline(g.days) },
    { key: 'firstSeen', label: 'First seen', value: (g) => g.firstSeen, render: (g) => el('span', { className: 'nowrap', text: formatTime(g.firstSeen, timezone) }) },
    { key: 'lastSeen', label: 'Last seen', value: (g) => g.lastSeen, render: (g) => el('span', { className: 'nowrap', text: formatTime(g.lastSeen, timezone) }) },
    { key: 'versions', label: 'Versions', value: (g) => g.versions.length, render: (g) => g.versions.join(', ') },
    {
      key: 'endpoints', label: 'Endpoints', value: (g) => g.endpoints.length,
      render: (g) => el('div', { className: 'endpoint-list' }, g.endpoints.slice(0, 3).map((e) => endpointLink(e)),
        g.endpoints.length > 3 ? el('span', { className: 'muted small', text: `and ${g.endpoints.length - 3} more` }) : null),
    },
  ];
}

function rangeQuery() {
  return filters.params().toString();
}

function renderList(data) {
  const selected = selectedId();
  replace($('errors-table'), sortableTable(columns(), data.groups, {
    sortKey: 'occurrences', descending: true, caption: 'Causes of failed requests',
    rowAttributes: (g) => ({ className: String(g.id) === selected ? 'selected' : null, dataset: { group: String(g.id) } }),
  }));
}

function renderDetail(d) {
  const g = d.group;
  replace($('error-title'), breakable(g.exception));
  $('error-message').textContent = g.message ?? '(no message)';
  replace($('error-versions'), sortableTable([
    { key: 'version', label: 'Version', value: (v) => v.version, render: (v) => v.version },
    { key: 'occurrences', label: 'Requests', numeric: true, value: (v) => v.occurrences, render: (v) => formatCount(v.occurrences) },
    { key: 'firstSeen', label: 'First seen', value: (v) => v.firstSeen, render: (v) => formatTime(v.firstSeen, timezone) },
    { key: 'lastSeen', label: 'Last seen', value: (v) => v.lastSeen, render: (v) => formatTime(v.lastSeen, timezone) },
  ], d.versions, { sortKey: 'firstSeen', caption: 'Versions this cause occurred in' }));
  replace($('error-endpoints'), d.endpoints.length === 0
    ? el('p', { className: 'muted', text: 'None in this range.' })
    : sortableTable([
      { key: 'endpoint', label: 'Endpoint', value: (e) => e.endpoint, render: (e) => endpointLink(e.endpoint) },
      { key: 'occurrences', label: 'Requests', numeric: true, value: (e) => e.occurrences, render: (e) => formatCount(e.occurrences) },
    ], d.endpoints, { sortKey: 'occurrences', descending: true, caption: 'Endpoints this cause failed' }));
  replace($('error-stack'), stackList(d.stack, { fold: true }));
}

async function load() {
  const list = loadSection($('section-errors'), () => getJson(`api/errors?${rangeQuery()}`), renderList,
    { empty: 'No request failed with an exception in this range.', isEmpty: (d) => d.groups.length === 0 });
  const id = selectedId();
  const detail = $('section-error');
  detail.hidden = !id;
  if (id) {
    await loadSection(detail, () => getJson(`api/error?id=${id}&${rangeQuery()}`), renderDetail);
  }
  await list;
}

async function start() {
  const s = await session;
  timezone = s.timezone;
  filters = new FilterBar($('filters'), load);
  filters.range({ timeZone: timezone, defaultDays: 30 });
  await load();
}

start();
