// The reporting page: two versions (over one range) or two intervals compared for every endpoint with
// requests on both sides (GET api/analytics/report), the significantly slower and faster endpoints first.
// The versions to choose from are those with requests in the range (GET api/analytics/version-usage,
// oldest first); by default the two newest are compared.

import { getJson } from './api.js';
import { el, replace } from './dom.js';
import { FilterBar, minusDays, today } from './filters.js';
import { formatCount, formatTime } from './format.js';
import { session } from './layout.js';
import { loadSection } from './states.js';
import { sortableTable } from './table.js';
import {
  changeCell, endpointLink, errorShareCell, formatEffect, formatP, millisPair, verdict,
} from './report-cells.js';

const INTERVAL_DAYS = 7;

const section = document.getElementById('report');
const emptyNote = el('span'); // why the report is empty: the newest load's reason, see explainIfEmpty

// Called by loadSection for the newest load only, so an older, slower answer cannot leave its reason.
function explainIfEmpty({ report, empty }) {
  if (report.endpoints.length > 0) return false;
  document.getElementById('report-title').textContent = 'Comparison';
  replace(emptyNote, ...empty);
  return true;
}

function versionsOf(usage) {
  const requests = new Map(usage.versions.map((v) => [v, 0]));
  for (const cell of usage.cells) requests.set(cell.version, requests.get(cell.version) + cell.requests);
  return usage.versions.map((v) => ({ version: v, requests: requests.get(v), firstSeen: usage.firstSeen?.[v] ?? null }));
}

// "1.2.0 · since 2025-06-05 10:39 · 3,679 requests": when a version went live says how much its requests
// can tell (one seen for minutes compares badly, whatever its count).
function versionOption(v, timezone) {
  const since = v.firstSeen ? ` · since ${formatTime(v.firstSeen, timezone).slice(0, 16)}` : '';
  return { value: v.version, text: `${v.version}${since} · ${formatCount(v.requests)} requests` };
}

class ReportingPage {
  constructor(timezone) {
    this.timezone = timezone;
    const container = document.getElementById('report-filters');
    const onChange = () => this.reload();
    this.modeBar = new FilterBar(container, onChange);
    this.mode = this.modeBar.select('mode', 'Compare', [
      { value: '', text: 'Two versions' },
      { value: 'intervals', text: 'Two intervals' },
    ]);
    this.versionBar = new FilterBar(container, onChange).range({ timeZone: timezone });
    this.before = this.versionBar.select('beforeVersion', 'Before', []);
    this.after = this.versionBar.select('afterVersion', 'After', []);
    this.intervalBar = new FilterBar(container, onChange);
    const end = today(timezone);
    this.intervalBar.date('beforeFrom', 'Before from', minusDays(end, 2 * INTERVAL_DAYS - 1));
    this.intervalBar.date('beforeTo', 'to', minusDays(end, INTERVAL_DAYS));
    this.intervalBar.date('afterFrom', 'After from', minusDays(end, INTERVAL_DAYS - 1));
    this.intervalBar.date('afterTo', 'to', end);
  }

  intervals() {
    return this.mode.element.value === 'intervals';
  }

  reload() {
    const intervals = this.intervals();
    this.versionBar.form.hidden = intervals;
    this.intervalBar.form.hidden = !intervals;
    return loadSection(section, () => (intervals ? this.intervalReport() : this.versionReport()),
      ({ report, title }) => render(report, title), { empty: emptyNote, isEmpty: explainIfEmpty });
  }

  async intervalReport() {
    const params = this.intervalBar.params();
    // The days as chosen: the answer has instants, and its "to" is the end of the last day.
    const before = `${params.get('beforeFrom')} to ${params.get('beforeTo')}`;
    const after = `${params.get('afterFrom')} to ${params.get('afterTo')}`;
    return {
      report: await getJson(`api/analytics/report?${params}`),
      title: `${before} → ${after}`,
      empty: [`No endpoint has requests in both intervals (${before} and ${after}). `
        + 'Choose intervals in which the application was used.'],
    };
  }

  async versionReport() {
    const range = this.versionBar.params();
    const dates = { from: range.get('from'), to: range.get('to') };
    const versions = versionsOf(await getJson(`api/analytics/version-usage?${new URLSearchParams(dates)}`));
    const newest = versions.at(-1);
    const previous = versions.at(-2);
    this.after.setOptions([{ value: '', text: newest ? `Newest: ${newest.version}` : 'Newest' },
      ...versions.map((v) => versionOption(v, this.timezone))]);
    this.before.setOptions([{ value: '', text: previous ? `Previous: ${previous.version}` : 'Previous' },
      ...versions.map((v) => versionOption(v, this.timezone))]);
    if (versions.length === 0) {
      return { report: { endpoints: [] }, empty: ['No requests in this range. Choose a longer range, or use the application a little.'] };
    }
    if (versions.length === 1) {
      const instead = el('button', {
        type: 'button', className: 'button-link', id: 'report-use-intervals', text: 'compare two intervals',
        on: { click: () => this.switchToIntervals() },
      });
      return {
        report: { endpoints: [] },
        empty: [`Only one version recorded so far (${newest.version}) in this range: deploy another version, `
          + 'widen the range, or ', instead, '.'],
      };
    }
    const beforeVersion = this.before.element.value || previous.version;
    const afterVersion = this.after.element.value || newest.version;
    const params = new URLSearchParams({ beforeVersion, afterVersion, ...dates });
    return {
      report: await getJson(`api/analytics/report?${params}`),
      title: `${beforeVersion} → ${afterVersion}`,
      empty: [`No endpoint has requests in both ${beforeVersion} and ${afterVersion} in this range.`],
    };
  }

  switchToIntervals() {
    this.mode.element.value = 'intervals';
    this.mode.element.dispatchEvent(new Event('change')); // stores it in the URL and reloads
  }
}

function render(report, title) {
  document.getElementById('report-title').textContent = title;
  const unchanged = report.endpoints.length - report.slower.length - report.faster.length;
  replace(document.getElementById('report-summary'),
    `${formatCount(report.endpoints.length)} endpoints with requests in both: `,
    el('strong', { text: `${report.slower.length} slower` }), ', ',
    el('strong', { text: `${report.faster.length} faster` }), `, ${unchanged} without a significant change.`);
  renderList('report-slower', report.slower, 'No endpoint got significantly slower.');
  renderList('report-faster', report.faster, 'No endpoint got significantly faster.');
  replace(document.getElementById('report-table'), sortableTable(columns(), report.endpoints, {
    sortKey: 'effect', descending: true, caption: 'Every endpoint compared',
    rowAttributes: (c) => ({ dataset: { endpoint: c.endpoint } }),
  }));
}

// The significant changes, in the server's order (largest effect first).
function renderList(id, changes, none) {
  const wrap = document.querySelector(`#${id} .table-wrap`);
  if (changes.length === 0) {
    replace(wrap, el('p', { className: 'muted report-none', text: none }));
    return;
  }
  const head = el('tr', {}, ['Endpoint', 'Median', 'Change', 'Effect', 'p'].map((label, i) =>
    el('th', { scope: 'col', className: i === 0 ? null : 'num', text: label })));
  const rows = changes.map((c) => el('tr', { dataset: { endpoint: c.endpoint } },
    el('td', {}, endpointLink(c.endpoint)),
    el('td', { className: 'num' }, millisPair(c.medianBefore, c.medianAfter)),
    el('td', { className: 'num' }, changeCell(c)),
    el('td', { className: 'num', text: formatEffect(c.effect) }),
    el('td', { className: 'num', text: formatP(c.p) })));
  replace(wrap, el('table', {}, el('thead', {}, head), el('tbody', {}, rows)));
}

function columns() {
  return [
    { key: 'endpoint', label: 'Endpoint', value: (c) => c.endpoint, render: (c) => endpointLink(c.endpoint) },
    {
      key: 'requests', label: 'Requests', numeric: true, value: (c) => c.requestsAfter,
      render: (c) => `${formatCount(c.requestsBefore)} → ${formatCount(c.requestsAfter)}`,
    },
    { key: 'median', label: 'Median', numeric: true, value: (c) => c.medianAfter, render: (c) => millisPair(c.medianBefore, c.medianAfter) },
    {
      key: 'change', label: 'Change', numeric: true,
      value: (c) => (c.medianBefore > 0 ? c.medianAfter / c.medianBefore : null),
      render: changeCell,
    },
    { key: 'p90', label: 'p90', numeric: true, value: (c) => c.p90After, render: (c) => millisPair(c.p90Before, c.p90After) },
    {
      key: 'errors', label: 'Errors', numeric: true, className: 'report-errors',
      value: (c) => c.errorShareAfter - c.errorShareBefore, render: errorShareCell,
    },
    { key: 'p', label: 'p', numeric: true, value: (c) => c.p, render: (c) => formatP(c.p) },
    { key: 'effect', label: 'Effect', numeric: true, value: (c) => c.effect, render: (c) => formatEffect(c.effect) },
    { key: 'significant', label: 'Significant', value: (c) => (c.significant ? Math.sign(c.effect) : 0), render: verdict },
  ];
}

async function main() {
  const { timezone } = await session;
  await new ReportingPage(timezone).reload();
}

main();
