// Answers whose figures are partial: the API sets X-MonitorDash-Partial: <n> when n stored values (a rollup's
// sketch, status counts, …) could not be read and were left out. The page shows one notice at its top while
// the latest answer of any of its routes is partial, and a section whose own answer is partial gets a note
// beside its chart. Latest per route, so that choosing a range without unreadable rows clears the notice.

import { el } from './dom.js';

export const PARTIAL_HEADER = 'X-MonitorDash-Partial';
export const CHART_NOTE = 'Some stored figures could not be read and are left out: this chart is partial.';

const partialAnswers = new WeakSet(); // answers (objects, arrays) that came with the header
const skippedByRoute = new Map(); // route without query → values its latest answer skipped

/** Notes an API answer: path as fetched, the header's value (null when absent), the parsed JSON. */
export function noteAnswer(path, headerValue, data) {
  const skipped = Number.parseInt(headerValue ?? '0', 10) || 0;
  if (skipped > 0 && data !== null && typeof data === 'object') partialAnswers.add(data);
  skippedByRoute.set(path.split('?')[0], skipped);
  showPageNotice();
}

/** True when this very answer (as returned by getJson) came from partial reads. */
export function isPartial(data) {
  return data !== null && typeof data === 'object' && partialAnswers.has(data);
}

function showPageNotice() {
  const main = document.getElementById('main');
  if (!main) return;
  let notice = document.getElementById('partial-notice');
  const skipped = [...skippedByRoute.values()].reduce((a, b) => a + b, 0);
  if (skipped === 0) {
    if (notice) notice.hidden = true;
    return;
  }
  if (!notice) {
    notice = el('div', { id: 'partial-notice', className: 'alert alert-warn', role: 'status' });
    main.prepend(notice);
  }
  const values = skipped === 1 ? '1 stored value' : `${skipped} stored values`;
  notice.textContent = `Some stored figures could not be read and are left out: the figures on this page are partial `
    + `(${values} skipped; the application log says why).`;
  notice.hidden = false;
}

/** Shows or hides a section's own partial note, placed before its body. */
export function markSection(section, partial) {
  let note = section.querySelector(':scope > .section-partial');
  if (!partial) {
    if (note) note.hidden = true;
    return;
  }
  if (!note) {
    note = el('p', { className: 'section-partial', role: 'status', text: CHART_NOTE });
    section.insertBefore(note, section.querySelector(':scope > .section-body'));
  }
  note.hidden = false;
}
