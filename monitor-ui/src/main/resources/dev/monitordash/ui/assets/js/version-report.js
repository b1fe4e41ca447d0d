// The overview's "Newest version" card: the newest version against the one before it, reported by the
// server by itself as soon as an endpoint has enough requests on both (GET api/analytics/version-report).
// Hidden while only one version is known; "waiting" says how many requests the new version has so far.

import { getJson } from './api.js';
import { el, replace } from './dom.js';
import { formatCount, formatMinute } from './format.js';
import { loadSection } from './states.js';
import { checksCell, endpointLink, formatExtraTime, summaryCell } from './report-cells.js';

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

function fullReportLink(v) {
  const params = new URLSearchParams({ beforeVersion: v.previous, afterVersion: v.version });
  return el('a', { href: `reporting?${params}`, id: 'version-report-link', text: 'the full report' });
}

function table(changes) {
  const head = el('tr', {}, ['Endpoint', 'What changed', 'Extra time', 'Checked'].map((label, i) =>
    el('th', { scope: 'col', className: i === 2 ? 'num' : null, text: label })));
  const rows = changes.map((c) => el('tr', { dataset: { endpoint: c.endpoint } },
    el('td', {}, endpointLink(c.endpoint)),
    el('td', { className: 'report-what' }, summaryCell(c)),
    el('td', { className: 'num', text: formatExtraTime(c.extraSeconds) }),
    el('td', { className: 'report-checks-cell' }, checksCell(c))));
  return el('table', {}, el('thead', {}, head), el('tbody', {}, rows));
}

function render(v, timezone) {
  document.getElementById('version-report-title').textContent = `Newest version: ${v.version} against ${v.previous}`;
  const since = `since ${formatMinute(v.since, timezone)}`;
  const summary = document.getElementById('version-report-summary');
  const changes = document.getElementById('version-report-changes');
  if (v.status === 'waiting') {
    replace(summary, `${v.version} (${since}) has ${formatCount(v.requests)} requests on endpoints ${v.previous} `
      + `also served. Its report against ${v.previous} appears here when an endpoint has `
      + `${formatCount(v.minRequests)} requests on both.`);
    replace(changes);
    return;
  }
  const listed = [...v.slower, ...v.faster];
  replace(summary, `${v.version} (${since}), ${formatCount(v.compared)} endpoints compared: `,
    el('strong', { text: `${v.slower.length} slower` }), ', ', el('strong', { text: `${v.faster.length} faster` }),
    ` (changes of ${percent.format(v.minEffect)} or more, false discovery rate ${percent.format(v.falseDiscoveryRate)}`
    + `${v.notEnoughData > 0 ? `; ${v.notEnoughData} with not enough data yet` : ''}). See `, fullReportLink(v), '.');
  replace(changes, listed.length === 0 ? el('p', { className: 'muted report-none', text: 'No endpoint changed.' })
    : table(listed));
}

/** Loads the card; leaves it hidden when there is no second version to compare. */
export async function loadVersionReport(timezone) {
  const section = document.getElementById('version-report');
  const v = await getJson('api/analytics/version-report').catch(() => null);
  if (!v || v.status === 'one version') return;
  section.hidden = false;
  await loadSection(section, async () => v, (data) => render(data, timezone), { isEmpty: () => false });
}
