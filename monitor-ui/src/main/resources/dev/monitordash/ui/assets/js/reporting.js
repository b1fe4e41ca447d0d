// The reporting page: two versions (over one range) or two intervals compared for every endpoint with
// requests on both sides (GET api/analytics/report), the significantly slower and faster endpoints first,
// ranked by the time they cost in total or by their relative change (rank=relative in the URL), each with
// what changed in words and the confounders checked.
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
  changeCell, checksCell, endpointLink, errorShareCell, formatEffect, formatExtraTime, formatP, millisPair,
  relativeCell, summaryCell, verdict,
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
    this.rank = this.modeBar.select('rank', 'Rank by', [
      { value: '', text: 'Extra time in total' },
      { value: 'relative', text: 'Relative change' },
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
      ({ report, title }) => render(report, title, this.rank.element.value), { empty: emptyNote, isEmpty: explainIfEmpty });
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

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

// How the report decides, with this report's figures: the test family, its false discovery rate, the
// minimum effect and requests.
function method(report) {
  return `Every request counts (from sketches, quantiles within 1 %). Median, p90 and, from 1,000 requests a side, `
    + `p99 are each tested (a quantile test: are more requests above the pooled quantile on one side?); `
    + `the false discovery rate is held at ${percent.format(report.falseDiscoveryRate)} across all `
    + `${formatCount(report.tests)} tests of this report (Benjamini-Hochberg), so of the changes listed at most `
    + `${percent.format(report.falseDiscoveryRate)} are expected to be chance. A change smaller than `
    + `${percent.format(report.minEffect)} is not listed, however certain; an endpoint with fewer than `
    + `${formatCount(report.minRequests)} requests a side says "not enough data". Extra time is requests after × `
    + `the change of the mean time; each change is checked against a different mix of hours, a few users, and `
    + `one instance.`;
}

function ranked(changes, rank) {
  if (rank !== 'relative') return changes; // the server's order: most extra time first
  return [...changes].sort((a, b) => Math.abs(b.relativeChange ?? 0) - Math.abs(a.relativeChange ?? 0));
}

function render(report, title, rank) {
  document.getElementById('report-title').textContent = title;
  document.getElementById('report-significance').textContent = method(report);
  const notEnough = report.notEnoughData.length;
  const unchanged = report.endpoints.length - report.slower.length - report.faster.length - notEnough;
  replace(document.getElementById('report-summary'),
    `${formatCount(report.endpoints.length)} endpoints with requests in both: `,
    el('strong', { text: `${report.slower.length} slower` }), ', ',
    el('strong', { text: `${report.faster.length} faster` }), `, ${unchanged} without a significant change`,
    notEnough > 0 ? `, ${notEnough} with not enough data (fewer than ${formatCount(report.minRequests)} requests a side).` : '.');
  renderList('report-slower', ranked(report.slower, rank), 'No endpoint got significantly slower.');
  renderList('report-faster', ranked(report.faster, rank), 'No endpoint got significantly faster.');
  replace(document.getElementById('report-table'), sortableTable(columns(), report.endpoints, {
    sortKey: 'extra', descending: true, caption: 'Every endpoint compared',
    rowAttributes: (c) => ({ dataset: { endpoint: c.endpoint } }),
  }));
}

// The changes, in the chosen order: what changed, by how much relatively and in total, on how many
// requests, and what else could explain it.
function renderList(id, changes, none) {
  const wrap = document.querySelector(`#${id} .table-wrap`);
  if (changes.length === 0) {
    replace(wrap, el('p', { className: 'muted report-none', text: none }));
    return;
  }
  const labels = ['Endpoint', 'What changed', 'Relative', 'Extra time', 'Requests', 'Checked'];
  const head = el('tr', {}, labels.map((label, i) =>
    el('th', { scope: 'col', className: i >= 2 && i <= 4 ? 'num' : null, text: label })));
  const rows = changes.map((c) => el('tr', { dataset: { endpoint: c.endpoint } },
    el('td', {}, endpointLink(c.endpoint)),
    el('td', { className: 'report-what' }, summaryCell(c)),
    el('td', { className: 'num', text: relativeCell(c) }),
    el('td', { className: 'num', text: formatExtraTime(c.extraSeconds) }),
    el('td', { className: 'num', text: `${formatCount(c.requestsBefore)} → ${formatCount(c.requestsAfter)}` }),
    el('td', { className: 'report-checks-cell' }, checksCell(c))));
  replace(wrap, el('table', {}, el('thead', {}, head), el('tbody', {}, rows)));
}

function columns() {
  return [
    { key: 'endpoint', label: 'Endpoint', value: (c) => c.endpoint, render: (c) => endpointLink(c.endpoint) },
    {
      key: 'requests', label: 'Requests', numeric: true, value: (c) => c.requestsAfter,
      render: (c) => `${formatCount(c.requestsBefore)} → ${formatCount(c.requestsAfter)}`,
    },
    {
      key: 'median', label: 'Median', numeric: true, value: (c) => (c.enoughData ? c.medianAfter : null),
      render: (c) => (c.enoughData ? millisPair(c.medianBefore, c.medianAfter) : '–'),
    },
    {
      key: 'change', label: 'Change', numeric: true,
      value: (c) => (c.enoughData && c.medianBefore > 0 ? c.medianAfter / c.medianBefore : null),
      render: changeCell,
    },
    {
      key: 'p90', label: 'p90', numeric: true, value: (c) => (c.enoughData ? c.p90After : null),
      render: (c) => (c.enoughData ? millisPair(c.p90Before, c.p90After) : '–'),
    },
    {
      key: 'errors', label: 'Errors', numeric: true, className: 'report-errors',
      value: (c) => c.errorShareAfter - c.errorShareBefore, render: errorShareCell,
    },
    { key: 'p', label: 'p', numeric: true, value: (c) => c.p, render: (c) => formatP(c.p) },
    { key: 'effect', label: 'Effect', numeric: true, value: (c) => c.effect, render: (c) => formatEffect(c.effect) },
    {
      key: 'significant', label: 'Significant',
      value: (c) => (!c.enoughData ? -2 : c.significant ? (c.verdict === 'faster' ? -1 : 1) : 0), render: verdict,
    },
    { key: 'summary', label: 'What changed', value: (c) => c.summary, render: summaryCell },
    {
      key: 'extra', label: 'Extra time', numeric: true, value: (c) => (c.enoughData ? c.extraSeconds : null),
      render: (c) => (c.enoughData ? formatExtraTime(c.extraSeconds) : '–'),
    },
  ];
}

async function main() {
  const { timezone } = await session;
  await new ReportingPage(timezone).reload();
}

main();
