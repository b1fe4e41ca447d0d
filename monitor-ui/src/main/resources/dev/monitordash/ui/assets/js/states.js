// The states of a page section that shows one API answer: loading, empty (with what to do about it),
// failed, or ready. The state is kept on the section as data-state="loading|empty|error|ready", which the
// stylesheet and the browser tests read. A section is
//   <section class="card" id="…"><h2>…</h2><div class="section-body">…</div></section>
// and gets a note element (created here) for the loading, empty and error texts.

import { replace } from './dom.js';
import { isPartial, markSection } from './partial.js';

const latest = new WeakMap(); // section → number of its newest load, so a slow old answer cannot win

function noteOf(section) {
  let note = section.querySelector(':scope > .section-note');
  if (!note) {
    note = document.createElement('div');
    note.className = 'section-note';
    note.setAttribute('role', 'status');
    const body = section.querySelector(':scope > .section-body');
    section.insertBefore(note, body);
  }
  return note;
}

function setState(section, state, message) {
  section.dataset.state = state;
  section.setAttribute('aria-busy', String(state === 'loading'));
  const note = noteOf(section);
  note.className = `section-note section-note-${state}`;
  if (message) replace(note, message);
  note.hidden = !message;
  const body = section.querySelector(':scope > .section-body');
  // While loading again, the previous answer stays visible (dimmed by the stylesheet) instead of jumping.
  if (body && state !== 'loading') body.hidden = state !== 'ready';
}

/** True for the usual "nothing recorded" answers: null, an empty array, or an object whose arrays are all empty. */
export function isEmptyAnswer(data) {
  if (data === null || data === undefined) return true;
  if (Array.isArray(data)) return data.length === 0;
  const arrays = Object.values(data).filter(Array.isArray);
  return arrays.length > 0 && arrays.every((a) => a.length === 0);
}

/**
 * Loads a section: shows "Loading…", awaits load(), then calls render(data) — or shows `empty` (text or
 * a node, e.g. with a link) when isEmpty(data), or the error's message when it failed. Resolves to the
 * data, or null when the section ended empty, failed or was superseded by a newer load.
 */
export async function loadSection(section, load, render, { empty = 'No requests in this range.', isEmpty = isEmptyAnswer } = {}) {
  const run = (latest.get(section) ?? 0) + 1;
  latest.set(section, run);
  setState(section, 'loading', 'Loading…');
  try {
    const data = await load();
    if (latest.get(section) !== run) return null;
    // Also when the section ends empty: the left-out figures may be all it had.
    markSection(section, isPartial(data));
    if (isEmpty(data)) {
      setState(section, 'empty', empty);
      return null;
    }
    setState(section, 'ready', null);
    render(data);
    return data;
  } catch (e) {
    if (latest.get(section) !== run) return null;
    markSection(section, false);
    // 401 means the session ended: api.js is already on its way to the login page.
    setState(section, 'error', e.status === 401 ? null : `Could not load this: ${e.message}`);
    if (e.status !== 401 && !(e && 'status' in e)) throw e; // a bug of ours, not an API answer: keep it visible
    return null;
  }
}
