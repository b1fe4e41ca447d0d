// The export page (admins only; the server refuses guests the page and both routes): one endpoint or
// all, a range, CSV or JSON. GET api/export/count gives the total and which raw requests are stored (they
// are kept for monitordash.retention.requests, the charts' rollups longer), GET api/export streams the
// rows; the page reads the stream chunk by chunk (counting rows for the progress bar, cancellable) and
// saves it as a file when complete.

import { ApiError, getJson } from './api.js';
import { el, replace, showMessage } from './dom.js';
import { csvRows, jsonRows } from './export-rows.js';
import { FilterBar } from './filters.js';
import { formatCount, formatMinute, formatPeriod } from './format.js';
import { session } from './layout.js';
import { loadSection } from './states.js';

const section = document.getElementById('export');
const downloadButton = document.getElementById('export-download');
const cancelButton = document.getElementById('export-cancel');
const progress = document.getElementById('export-progress');
const bar = document.getElementById('export-bar');
const rowsText = document.getElementById('export-rows');
const status = document.getElementById('export-status');
const period = document.getElementById('export-period');
const periodWarning = document.getElementById('export-period-warning');

// How long the saved file's object URL stays valid: the browser needs it only to start saving.
const REVOKE_AFTER_MS = 60_000;

let filters;
let timeZone;
let controller = null; // the running download's, for cancel

function endpointOptions(overview) {
  return [{ value: '', text: 'All endpoints' },
    ...overview.endpoints.filter((e) => e.hitsTotal > 0).map((e) => ({ value: e.endpoint, text: e.endpoint }))];
}

/** Near the range: for which period raw rows exist, and a warning when the range reaches back before it. */
function showPeriod({ from, raw }) {
  const kept = `Raw requests are kept for ${formatPeriod(raw.retentionSeconds)}`;
  if (!raw.oldestRequest) {
    period.textContent = `${kept}; none is stored yet.`;
    showMessage(periodWarning, null);
    return;
  }
  const since = formatMinute(raw.oldestRequest, timeZone);
  period.textContent = `${kept}; stored since ${since}. Charts cover older days from rollups.`;
  const startsBefore = new Date(from).getTime() < new Date(raw.oldestRequest).getTime();
  showMessage(periodWarning, startsBefore
    ? `This range starts before ${since}, the oldest stored request: the export holds only the requests since then.`
    : null);
}

function showCount(answer) {
  const { requests } = answer;
  showPeriod(answer);
  const params = filters.params();
  const endpoint = params.get('endpoint');
  document.getElementById('export-direct').href = `api/export?${params}`;
  replace(document.getElementById('export-count'), el('strong', { text: formatCount(requests) }),
    ` ${requests === 1 ? 'request' : 'requests'} of ${endpoint ?? 'all endpoints'} in this range.`);
  downloadButton.disabled = requests === 0 || controller !== null;
}

function loadCount() {
  return loadSection(section, () => getJson(`api/export/count?${filters.params()}`), showCount,
    { isEmpty: () => false });
}

function showProgress(rows, total) {
  bar.max = Math.max(total, rows, 1);
  bar.value = rows;
  rowsText.textContent = `${formatCount(rows)} of ${formatCount(total)} rows`;
}

function fileName(response, format) {
  const match = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '');
  return match ? match[1] : `monitordash-export.${format}`;
}

function save(chunks, type, name) {
  const url = URL.createObjectURL(new Blob(chunks, { type }));
  const link = el('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

async function errorOf(response) {
  try {
    const body = await response.json();
    return new ApiError(response.status, body.error ?? `HTTP ${response.status}`);
  } catch (e) {
    return new ApiError(response.status, `HTTP ${response.status}`);
  }
}

/** Reads the whole stream, counting rows as they arrive; returns the chunks and the counter. */
async function receive(response, format, total) {
  const counter = format === 'json' ? jsonRows() : csvRows();
  const reader = response.body.getReader();
  const chunks = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    counter.add(value);
    showProgress(counter.rows, total);
  }
  return { chunks, counter };
}

async function download() {
  const params = filters.params();
  const format = params.get('format');
  controller = new AbortController();
  downloadButton.disabled = true;
  cancelButton.hidden = false;
  progress.hidden = false;
  showMessage(status, null);
  showProgress(0, 0);
  try {
    const { requests: total } = await getJson(`api/export/count?${params}`);
    showProgress(0, total);
    const response = await fetch(`api/export?${params}`, { credentials: 'same-origin', cache: 'no-store', signal: controller.signal });
    if (!response.ok) throw await errorOf(response);
    const { chunks, counter } = await receive(response, format, total);
    if (!counter.complete) {
      showMessage(status, `The export broke off after ${formatCount(counter.rows)} rows (the store failed?); nothing was saved. Try again.`);
      return;
    }
    const name = fileName(response, format);
    save(chunks, response.headers.get('Content-Type') ?? 'application/octet-stream', name);
    showMessage(status, `Saved ${formatCount(counter.rows)} rows as ${name}.`);
  } catch (e) {
    if (e.name === 'AbortError') showMessage(status, 'Cancelled: nothing was saved.');
    else if (e.status !== 401) showMessage(status, `The export failed: ${e.message}`);
  } finally {
    controller = null;
    cancelButton.hidden = true;
    downloadButton.disabled = false;
  }
}

async function endpoints() {
  try {
    return endpointOptions(await getJson('api/overview'));
  } catch (e) {
    if (e.status !== 401) showMessage(status, `Could not list the endpoints: ${e.message}`);
    return [{ value: '', text: 'All endpoints' }];
  }
}

async function main() {
  ({ timezone: timeZone } = await session);
  const options = await endpoints(); // before the select is made, so that one from the URL is kept
  filters = new FilterBar(document.getElementById('export-filters'), loadCount);
  filters.range({ timeZone });
  filters.select('endpoint', 'Endpoint', options);
  filters.select('format', 'Format', [{ value: 'csv', text: 'CSV' }, { value: 'json', text: 'JSON' }], 'csv');
  downloadButton.addEventListener('click', download);
  cancelButton.addEventListener('click', () => controller?.abort());
  await loadCount();
}

main();
