// The Tests page: test runs CI posted (GET api/tests/...), per version. Outcomes per version as stacked
// bars, the slowest tests of a version, one test's box plot per version, the tests that got
// significantly slower or faster between two versions, and which tests reached each endpoint. Admins
// also manage the API tokens CI posts with (tests-tokens.js).

import { getJson } from './api.js';
import { colorFor } from './colors.js';
import { breakable, el, replace } from './dom.js';
import { FilterBar } from './filters.js';
import { formatCount, formatCountOf, formatMillis, formatTime } from './format.js';
import { drawChart, GRID, shorten } from './charts/draw.js';
import { timeBoxPlot } from './charts/time-boxes.js';
import { sizeChart } from './analytics.js';
import { session } from './layout.js';
import { endpointLink } from './links.js';
import { loadSection } from './states.js';
import { sortableTable } from './table.js';
import { changeCell, formatEffect, formatP, millisPair } from './report-cells.js';
import { startTokens } from './tests-tokens.js';

const OUTCOMES = [
  { key: 'passed', label: 'Passed', color: '#2f9e44' },
  { key: 'failed', label: 'Failed', color: '#e03131' },
  { key: 'aborted', label: 'Aborted', color: '#f08c00' },
  { key: 'skipped', label: 'Skipped', color: '#adb5bd' },
];

const NO_RUNS = el('span', {}, 'No test runs yet. Add the MonitorDash JUnit extension (monitor-junit) to the '
  + 'application\'s tests and let CI post its runs here: see docs/testing.md.');

/** A test's name, "com.example.ShopTest#checkout", shown as class and method that wrap at dots. */
function testName(name, onClick) {
  const swatch = el('span', { className: 'swatch', 'aria-hidden': 'true' });
  swatch.style.backgroundColor = colorFor(name);
  if (!onClick) return el('span', { className: 'mono' }, swatch, breakable(name));
  return el('button', { type: 'button', className: 'button-link mono test-link', title: `Box plot of ${name}`,
    dataset: { test: name }, on: { click: () => onClick(name) } }, swatch, breakable(name));
}

function renderOutcomes(rows) {
  const versions = rows.map((r) => r.version);
  document.getElementById('tests-outcomes-note').textContent = `${formatCountOf(versions.length, 'version')} with `
    + 'test runs, oldest first. Each bar counts the executions of the version\'s runs.';
  sizeChart('tests-outcomes-box', { height: 260, minWidth: versions.length * 48 + 120, maxWidth: versions.length * 120 + 200 });
  drawChart(document.getElementById('tests-outcomes-chart'), {
    type: 'bar',
    data: {
      labels: versions,
      datasets: OUTCOMES.map((o) => ({ label: o.label, data: rows.map((r) => r[o.key]), backgroundColor: o.color })),
    },
    options: {
      scales: {
        x: { stacked: true, title: { display: true, text: 'Version' }, grid: { display: false } },
        y: { stacked: true, title: { display: true, text: 'Executions' }, grid: GRID, ticks: { precision: 0 } },
      },
      plugins: { legend: { display: true, position: 'bottom' } },
    },
  });
  const columns = [
    { key: 'version', label: 'Version', value: (r) => versions.indexOf(r.version), render: (r) => r.version },
    { key: 'runs', label: 'Runs', numeric: true, value: (r) => r.runs, render: (r) => formatCount(r.runs) },
    ...OUTCOMES.map((o) => ({ key: o.key, label: o.label, numeric: true, value: (r) => r[o.key],
      render: (r) => el('span', { className: o.key === 'failed' && r.failed > 0 ? 'errors-nonzero' : null, text: formatCount(r[o.key]) }) })),
  ];
  replace(document.getElementById('tests-outcomes-table'), sortableTable(columns, rows, {
    caption: 'Test executions per version by outcome', rowAttributes: (r) => ({ dataset: { version: r.version } }),
  }));
}

class TestsPage {
  constructor(timezone, versions) {
    this.timezone = timezone;
    this.versions = versions;
    const newest = versions.at(-1)?.version ?? '';
    const previous = versions.at(-2)?.version ?? newest;
    const options = versions.map((v) => ({
      value: v.version, text: `${v.version} · ${formatCountOf(v.runs, 'run')} · last ${formatTime(v.lastRun, timezone).slice(0, 16)}`,
    })).reverse();
    this.slowestBar = new FilterBar(document.getElementById('tests-slowest-filters'), () => this.loadSlowest());
    this.version = this.slowestBar.select('version', 'Version', options, newest);
    this.top = this.slowestBar.number('top', 'Show', { min: 1, max: 1000, defaultValue: 20 });
    this.boxesBar = new FilterBar(document.getElementById('tests-boxes-filters'), () => this.loadBoxes());
    this.test = this.boxesBar.select('test', 'Test', []);
    this.compareBar = new FilterBar(document.getElementById('tests-compare-filters'), () => this.loadComparison());
    this.before = this.compareBar.select('before', 'Before', options, previous);
    this.after = this.compareBar.select('after', 'After', options, newest);
  }

  async start() {
    const names = await getJson('api/tests/names');
    this.test.setOptions(names.map((n) => ({ value: n, text: n })));
    await Promise.all([this.loadSlowest(), this.loadComparison(), loadEndpoints()]);
    // The test shown: the one in the URL, else the slowest of the chosen version.
    if (!this.test.element.value && this.slowest?.tests.length) this.showTest(this.slowest.tests[0].test, false);
    else await this.loadBoxes();
  }

  showTest(name, scroll = true) {
    this.test.element.value = name;
    this.test.element.dispatchEvent(new Event('change')); // into the URL, and loads the boxes
    if (scroll) document.getElementById('tests-boxes').scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  async loadSlowest() {
    const params = this.slowestBar.params();
    const version = params.get('version');
    this.slowest = await loadSection(document.getElementById('tests-slowest'),
      () => getJson(`api/tests/slowest?${new URLSearchParams({ version, limit: params.get('top') })}`),
      (data) => {
        const columns = [
          { key: 'test', label: 'Test', value: (t) => t.test, render: (t) => testName(t.test, (n) => this.showTest(n)) },
          { key: 'executions', label: 'Passed', numeric: true, value: (t) => t.executions, render: (t) => formatCount(t.executions) },
          { key: 'median', label: 'Median', numeric: true, value: (t) => t.medianMs, render: (t) => formatMillis(t.medianMs) },
          { key: 'mean', label: 'Mean', numeric: true, value: (t) => t.meanMs, render: (t) => formatMillis(t.meanMs) },
          { key: 'max', label: 'Slowest', numeric: true, value: (t) => t.maxMs, render: (t) => formatMillis(t.maxMs) },
        ];
        replace(document.getElementById('tests-slowest-table'), sortableTable(columns, data.tests, {
          sortKey: 'mean', descending: true, caption: `Slowest tests of version ${data.version}`,
          rowAttributes: (t) => ({ dataset: { test: t.test } }),
        }));
      }, { empty: `No passed test in version ${version}.`, isEmpty: (d) => d.tests.length === 0 });
  }

  async loadBoxes() {
    const test = this.test.element.value;
    if (!test) {
      await loadSection(document.getElementById('tests-boxes'), async () => null, () => {},
        { empty: 'No test has passed yet: a test\'s box plots show the times of its passed executions.' });
      return;
    }
    await loadSection(document.getElementById('tests-boxes'), () => getJson(`api/tests/boxes?${new URLSearchParams({ test })}`),
      (data) => {
        const boxes = data.versions;
        document.getElementById('tests-boxes-title').textContent = `Time per version: ${shorten(test, 90)}`;
        document.getElementById('tests-boxes-note').textContent = `${formatCountOf(boxes.length, 'version')} in which `
          + 'the test passed, oldest first; each box holds the version\'s passed executions.';
        sizeChart('tests-boxes-box', { height: boxes.length * 40 + 70 });
        drawChart(document.getElementById('tests-boxes-chart'), timeBoxPlot(boxes,
          (i) => [boxes[i].label, formatCountOf(boxes[i].count, 'execution')]));
      }, { empty: `${test} never passed: it has no times.`, isEmpty: (d) => d.versions.length === 0 });
  }

  async loadComparison() {
    const params = this.compareBar.params();
    const before = params.get('before');
    const after = params.get('after');
    await loadSection(document.getElementById('tests-compare'),
      () => getJson(`api/tests/compare?${new URLSearchParams({ before, after })}`),
      (c) => {
        document.getElementById('tests-compare-title').textContent = `Slower or faster: ${before} → ${after}`;
        replace(document.getElementById('tests-compare-summary'), `${formatCountOf(c.compared, 'test')} passed in both: `,
          el('strong', { text: `${c.slower.length} slower` }), ', ', el('strong', { text: `${c.faster.length} faster` }), '.');
        changeList('tests-slower', c.slower, 'No test got significantly slower.', (n) => this.showTest(n));
        changeList('tests-faster', c.faster, 'No test got significantly faster.', (n) => this.showTest(n));
      }, { empty: `No test passed in both ${before} and ${after}.`, isEmpty: (c) => c.compared === 0 });
  }
}

function changeList(id, changes, none, onClick) {
  const wrap = document.querySelector(`#${id} .table-wrap`);
  if (changes.length === 0) {
    replace(wrap, el('p', { className: 'muted report-none', text: none }));
    return;
  }
  const head = el('tr', {}, ['Test', 'Median', 'Change', 'Effect', 'q'].map((label, i) =>
    el('th', { scope: 'col', className: i === 0 ? null : 'num', text: label })));
  const rows = changes.map((c) => {
    // In the report's shape (report-cells.js): a compared test has enough data; its median decides the color.
    const cell = { enoughData: true, medianBefore: c.medianBefore, medianAfter: c.medianAfter,
      parts: [{ part: 'median', significant: c.significant }] };
    return el('tr', { dataset: { test: c.test } },
      el('td', {}, testName(c.test, onClick)),
      el('td', { className: 'num' }, millisPair(c.medianBefore, c.medianAfter)),
      el('td', { className: 'num' }, changeCell(cell)),
      el('td', { className: 'num', text: formatEffect(c.mannWhitney.effect) }),
      el('td', { className: 'num', title: `p = ${formatP(c.mannWhitney.p)}`, text: formatP(c.q) }));
  });
  replace(wrap, el('table', {}, el('thead', {}, head), el('tbody', {}, rows)));
}

function loadEndpoints() {
  return loadSection(document.getElementById('tests-endpoints'), () => getJson('api/tests/endpoints'), (rows) => {
    const columns = [
      { key: 'endpoint', label: 'Endpoint', value: (r) => r.endpoint, render: (r) => endpointLink(r.endpoint) },
      { key: 'tests', label: 'Tests', numeric: true, value: (r) => r.tests, render: (r) => formatCount(r.tests) },
      { key: 'requests', label: 'Requests', numeric: true, value: (r) => r.requests, render: (r) => formatCount(r.requests) },
      { key: 'hits', label: 'Tests that hit it (requests, mean time, versions)', value: (r) => r.hits[0]?.test ?? '',
        render: (r) => el('ul', { className: 'test-hits' }, r.hits.map((h) => el('li', { dataset: { test: h.test } },
          testName(h.test), ` ${formatCount(h.requests)} × ${formatMillis(h.meanMs)} · ${h.versions.join(', ')}`)),
        r.tests > r.hits.length ? el('li', { className: 'muted', text: `and ${formatCount(r.tests - r.hits.length)} more` }) : null) },
    ];
    replace(document.getElementById('tests-endpoints-table'), sortableTable(columns, rows, {
      caption: 'Tests per endpoint', rowAttributes: (r) => ({ dataset: { endpoint: r.endpoint } }),
    }));
  }, { empty: 'No request was recorded during a test yet. Run the tests with the extension against the '
      + 'application with MonitorDash bound (MockMvc or an embedded server): see docs/testing.md.' });
}

async function main() {
  let me;
  try {
    me = await session;
  } catch (e) {
    if (e.status === 401) return;
    throw e;
  }
  if (me.role === 'admin') startTokens(me.timezone);
  const outcomes = await loadSection(document.getElementById('tests-outcomes'), () => getJson('api/tests/outcomes'),
    renderOutcomes, { empty: NO_RUNS });
  if (!outcomes) {
    for (const id of ['tests-slowest', 'tests-boxes', 'tests-compare', 'tests-endpoints']) document.getElementById(id).hidden = true;
    return;
  }
  const versions = await getJson('api/tests/versions');
  await new TestsPage(me.timezone, versions).start();
}

main();
