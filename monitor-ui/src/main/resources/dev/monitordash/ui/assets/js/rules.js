// The rules table (seed fig. 3.1): every endpoint with its HTTP methods, handler, first and last request,
// and its monitoring level. Admins change the level with a select; guests see the level as text, with
// no control that suggests they could change it.

import { getJson, sendJson } from './api.js';
import { breakable, el, replace, showMessage } from './dom.js';
import { formatAgo, formatTime } from './format.js';
import { session } from './layout.js';
import { endpointLink } from './links.js';
import { sortableTable } from './table.js';

const KIND_NOTES = {
  overflow: 'requests beyond the endpoint limit',
  'not-found': 'requests answered 404 by no route',
};

function ruleCell(row, timezone) {
  const note = KIND_NOTES[row.kind] ?? (row.live ? null : 'no longer served; level kept');
  return el('span', {}, endpointLink(row.endpoint, { swatch: false }),
    note ? el('span', { className: 'row-note', text: note }) : null,
    // Phones have no room for the "Last accessed" column; the time moves under the rule there.
    el('span', { className: 'row-note show-small', text: `last accessed ${formatTime(row.lastRequested, timezone)}` }));
}

function methodsCell(row) {
  if (row.methods.length === 0) return el('span', { className: 'muted', text: '–' });
  // Spaces between the badges so copied text and screen readers get "GET POST", not "GETPOST".
  return el('span', {}, row.methods.flatMap((m, i) => [i > 0 ? ' ' : null, el('span', { className: 'method', text: m })]));
}

function levelName(level, levels) {
  const known = levels.find((l) => Number(l.value) === Number(level));
  return known ? `${known.value} · ${known.name}` : String(level);
}

function levelText(row, levels) {
  return el('span', { className: 'level-text', dataset: { level: String(row.level) }, text: levelName(row.level, levels) });
}

function levelSelect(row, levels, error) {
  const select = el('select', {
    className: 'level-select',
    'aria-label': `Monitoring level of ${row.endpoint}`,
    disabled: !row.live,
  }, levels.map((l) => el('option', { value: l.value, text: levelName(l.value, levels) })));
  select.value = String(row.level);
  select.addEventListener('change', async () => {
    const tr = select.closest('tr');
    select.disabled = true;
    tr.classList.remove('saved');
    showMessage(error, null);
    try {
      const result = await sendJson('PUT', 'api/endpoints/level', { endpoint: row.endpoint, level: Number(select.value) });
      row.level = result.level;
      void tr.offsetWidth; // restart the highlight animation
      tr.classList.add('saved');
    } catch (e) {
      showMessage(error, `Could not change the level of ${row.endpoint}: ${e.message}`);
    } finally {
      select.value = String(row.level);
      select.disabled = false;
    }
  });
  return select;
}

function columns(levels, canChange, timezone, error) {
  return [
    { key: 'endpoint', label: 'Rule', value: (r) => (r.kind === 'route' ? r.endpoint : `\uffff${r.endpoint}`), render: (r) => ruleCell(r, timezone) },
    { key: 'methods', label: 'HTTP methods', className: 'hide-small', value: (r) => r.methods.join(','), render: methodsCell },
    {
      key: 'handler', label: 'Endpoint', className: 'hide-small', value: (r) => r.handler,
      render: (r) => el('span', { className: r.handler ? 'mono' : 'muted' }, r.handler ? breakable(r.handler) : '–'),
    },
    {
      key: 'firstSeen', label: 'First seen', className: 'nowrap hide-small', value: (r) => r.firstSeen,
      render: (r) => el('span', {}, formatTime(r.firstSeen, timezone, '–'),
        r.firstVersion ? el('span', { className: 'row-note', text: `version ${r.firstVersion}` }) : null),
    },
    {
      key: 'lastRequested', label: 'Last accessed', className: 'nowrap hide-small', value: (r) => r.lastRequested,
      render: (r) => el('span', { title: formatAgo(r.lastRequested), text: formatTime(r.lastRequested, timezone) }),
    },
    {
      key: 'level', label: 'Monitoring level', value: (r) => r.level,
      render: (r) => (canChange ? levelSelect(r, levels, error) : levelText(r, levels)),
    },
  ];
}

function legend(levels) {
  replace(document.getElementById('levels-legend'), levels.flatMap((l) => [
    el('dt', { text: `${l.value} · ${l.name}` }),
    el('dd', { text: l.description }),
  ]));
}

async function main() {
  const error = document.getElementById('rules-error');
  try {
    const { role, timezone } = await session;
    const canChange = role === 'admin';
    document.getElementById('rules-readonly').hidden = canChange;
    const data = await getJson('api/endpoints');
    legend(data.levels);
    if (data.storeError) showMessage(error, `The store could not be read, so methods and times are missing: ${data.storeError}`);
    document.getElementById('rules-empty').hidden = data.endpoints.length > 0;
    if (data.endpoints.length === 0) return;
    document.getElementById('rules-table').append(sortableTable(
      columns(data.levels, canChange, timezone, error), data.endpoints, {
        caption: 'Endpoints and their monitoring levels',
        rowAttributes: (r) => ({ dataset: { endpoint: r.endpoint } }),
      }));
  } catch (e) {
    if (e.status !== 401) showMessage(error, `Could not load the rules: ${e.message}`);
  }
}

main();
