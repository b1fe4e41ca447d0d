// The shared frame of every page: who is logged in (and their CSRF token for state changes, also put
// into the logout form), and the status line with version, records written/dropped and store health.

import { getJson, setCsrfToken } from './api.js';
import { el, replace } from './dom.js';
import { formatCount } from './format.js';

async function loadSession() {
  const session = await getJson('api/session');
  setCsrfToken(session.csrfToken);
  document.getElementById('logout-csrf').value = session.csrfToken;
  document.getElementById('account-user').textContent = session.user;
  const role = document.getElementById('account-role');
  role.textContent = session.role;
  role.classList.toggle('badge-muted', session.role !== 'admin');
  role.hidden = false;
  // Admin-only links (e.g. export) are sent hidden; the server refuses guests anyway.
  for (const link of document.querySelectorAll('[data-admin-only]')) link.hidden = session.role !== 'admin';
  return session;
}

function item(label, value, className) {
  return el('span', { className: 'status-item' }, `${label} `, el('strong', { className, text: value }));
}

async function loadStatus() {
  const line = document.getElementById('status-line');
  try {
    const status = await getJson('api/status');
    const { pipeline, store, version } = status;
    const storeState = store.state === 'ok'
      ? el('strong', { className: 'status-ok', text: 'OK' })
      : store.state === 'connecting'
        ? el('strong', { className: 'status-warn', text: 'connecting…' })
        : el('strong', { className: 'status-bad', text: `failing: ${store.lastError ?? 'unknown error'}` });
    // Why records were not written: never accepted (queue full), their batch failed, or lost at shutdown.
    const dropTitle = `rejected ${pipeline.rejected}, failed ${pipeline.failed}, lost ${pipeline.lost}`;
    replace(line,
      item('Version', version.name),
      item('Records written', formatCount(pipeline.written)),
      Object.assign(item('Dropped', formatCount(pipeline.dropped), pipeline.dropped > 0 ? 'status-warn' : null),
        { title: dropTitle }),
      item('Queued', formatCount(pipeline.queued)),
      el('span', { className: 'status-item', id: 'store-health' }, 'Store ', storeState),
      el('span', { className: 'status-item muted', text: `${status.service} · ${status.instance}` }));
  } catch (e) {
    if (e.status !== 401) replace(line, el('span', { className: 'status-bad', text: `Status unavailable: ${e.message}` }));
  }
}

/** Resolves to {user, role, csrfToken, timezone} once the session is known. */
export const session = loadSession();
session.then(loadStatus, () => {});
