// The Tests page's API tokens (admins only): create one (its secret is shown once), list them with when
// each was last used and whether it expired, revoke one. GET/POST/DELETE api/tests/tokens.

import { getJson, sendJson } from './api.js';
import { el, replace, showMessage } from './dom.js';
import { formatTime } from './format.js';
import { sortableTable } from './table.js';

let timezone;

async function list() {
  const tokens = await getJson('api/tests/tokens');
  const columns = [
    { key: 'name', label: 'Name', value: (t) => t.name, render: (t) => t.name },
    { key: 'createdBy', label: 'Created by', value: (t) => t.createdBy, render: (t) => t.createdBy },
    { key: 'createdAt', label: 'Created', value: (t) => t.createdAt, render: (t) => formatTime(t.createdAt, timezone) },
    { key: 'expiresAt', label: 'Expires', value: (t) => t.expiresAt ?? '9999',
      render: (t) => el('span', { className: t.expired ? 'errors-nonzero' : null,
        text: t.expiresAt ? `${t.expired ? 'expired ' : ''}${formatTime(t.expiresAt, timezone)}` : 'never' }) },
    { key: 'lastUsed', label: 'Last used', value: (t) => t.lastUsed, render: (t) => formatTime(t.lastUsed, timezone) },
    { key: 'revoke', label: '', value: () => 0, render: (t) => el('button', {
      type: 'button', className: 'button-quiet', text: 'Revoke', 'aria-label': `Revoke token ${t.name}`,
      on: { click: () => revoke(t) } }) },
  ];
  replace(document.getElementById('tests-token-table'), tokens.length === 0
    ? el('p', { className: 'muted', text: 'No token yet.' })
    : sortableTable(columns, tokens, { sortKey: 'createdAt', descending: true, caption: 'API tokens',
      rowAttributes: (t) => ({ dataset: { token: t.name } }) }));
}

async function revoke(token) {
  const error = document.getElementById('tests-token-error');
  try {
    await sendJson('DELETE', `api/tests/tokens?id=${token.id}`);
    showMessage(error, null);
    await list();
  } catch (e) {
    showMessage(error, `Could not revoke the token: ${e.message}`);
  }
}

async function create(event) {
  event.preventDefault();
  const form = event.target;
  const error = document.getElementById('tests-token-error');
  const button = document.getElementById('tests-token-create');
  button.disabled = true;
  try {
    const days = form.days.value;
    const answer = await sendJson('POST', 'api/tests/tokens', { name: form.name.value, days: days ? Number(days) : null });
    document.getElementById('tests-token-secret-value').textContent = answer.secret;
    document.getElementById('tests-token-secret').hidden = false;
    showMessage(error, null);
    form.name.value = '';
    await list();
  } catch (e) {
    showMessage(error, `Could not create the token: ${e.message}`);
  } finally {
    button.disabled = false;
  }
}

export function startTokens(zone) {
  timezone = zone;
  document.getElementById('tests-tokens').hidden = false;
  document.getElementById('tests-token-form').addEventListener('submit', create);
  list().catch((e) => showMessage(document.getElementById('tests-token-error'), `Could not list the tokens: ${e.message}`));
}
