// The Alerts page: alert states, rules, silences, receivers (admins) and the notification history, all from
// api/alerts/*. Admins edit through the forms; guests see the same tables without controls. Values from the
// store (rule names, endpoint names, labels) only ever go in as text.

import { getJson, sendJson } from './api.js';
import { el, replace, showMessage } from './dom.js';
import { formatTime } from './format.js';
import { session } from './layout.js';

const error = document.getElementById('alerts-error');
let canEdit = false;
let timezone;
let rules = [];

function table(caption, headers, rows) {
  return el('table', {},
    el('caption', { className: 'visually-hidden', text: caption }),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows));
}

function labelsText(labels) {
  return Object.entries(labels ?? {}).map(([k, v]) => `${k}=${v}`).join(', ');
}

function parseLabels(text) {
  const out = {};
  for (const part of text.split(',')) {
    const t = part.trim();
    if (!t) continue;
    const eq = t.indexOf('=');
    if (eq <= 0) throw new Error(`labels must be name=value, was "${t}"`);
    out[t.slice(0, eq).trim()] = t.slice(eq + 1).trim();
  }
  return out;
}

function stateBadge(state) {
  const cls = state === 'firing' ? 'badge badge-slower' : state === 'pending' ? 'badge' : 'badge badge-muted';
  return el('span', { className: cls, dataset: { state }, text: state });
}

function button(text, onClick, className = 'button-quiet') {
  return el('button', { type: 'button', className, text, on: { click: onClick } });
}

async function guarded(action, where) {
  showMessage(where, null);
  try {
    await action();
    await refresh();
  } catch (e) {
    showMessage(where, e.message);
  }
}

function renderAlerts(data) {
  const s = data.status;
  const paused = document.getElementById('alerts-paused');
  showMessage(paused, s.paused ? `Evaluation is paused: ${s.paused}. Alerts keep their states until it resumes.` : null);
  const evaluation = s.evaluating
    ? `Evaluated ${s.lastEvaluation ? `last at ${formatTime(s.lastEvaluation, timezone)}` : 'soon (not yet)'} on ${s.instance}`
      + (s.leader ? ', which evaluates the request rules of every instance.' : '.')
    : `This instance (${s.instance}) does not evaluate rules (monitordash.alerts.period = 0).`;
  document.getElementById('alerts-status').textContent = evaluation;
  document.getElementById('alerts-none').hidden = data.alerts.length > 0;
  replace(document.getElementById('alerts-table'), data.alerts.length === 0 ? null : table('Alerts',
    ['Rule', 'Series', 'State', 'Value', 'Since', 'Severity'],
    data.alerts.map((a) => el('tr', { dataset: { rule: a.rule, series: a.series } },
      el('td', { text: a.rule }), el('td', { className: 'mono wrap-anywhere', text: a.series }),
      el('td', {}, stateBadge(a.state)), el('td', { className: 'num', text: a.value }),
      el('td', { className: 'nowrap', text: formatTime(a.resolvedAt ?? a.firedAt ?? a.activeSince, timezone) }),
      el('td', { text: a.severity })))));
}

function fillForm(form, rule) {
  form.elements.id.value = rule?.id ?? '';
  form.elements.name.value = rule?.name ?? '';
  form.elements.metric.value = rule?.metric ?? 'p95';
  form.elements.endpoints.value = rule?.endpoints ?? '*';
  form.elements.comparison.value = rule?.comparison ?? 'above';
  form.elements.threshold.value = rule?.thresholdText ?? '';
  form.elements.window.value = rule?.window ?? '5m';
  form.elements.for.value = rule?.forDuration ?? '5m';
  form.elements.severity.value = rule?.severity ?? 'warning';
  form.elements.labels.value = labelsText(rule?.labels);
  form.elements.receivers.value = (rule?.receivers ?? []).join(', ');
  form.elements.enabled.checked = rule?.enabled ?? true;
  document.getElementById('rule-form-title').textContent = rule ? `Edit rule “${rule.name}”` : 'New rule';
}

function renderRules(data) {
  rules = data.rules;
  const form = document.getElementById('rule-form');
  if (form.elements.metric.options.length === 0) {
    replace(form.elements.metric, data.metrics.map((m) => el('option', { value: m.id, title: m.description, text: `${m.id} (${m.unit || 'count'})` })));
    replace(form.elements.comparison, data.comparisons.map((c) => el('option', { value: c, text: c })));
    replace(form.elements.severity, data.severities.map((s) => el('option', { value: s, text: s })));
    fillForm(form, null);
  }
  document.getElementById('rules-none').hidden = rules.length > 0;
  const headers = ['Rule', 'Condition', 'Endpoints', 'Window', 'Severity', 'Labels', 'Receivers', 'Enabled'];
  if (canEdit) headers.push('');
  replace(document.getElementById('rules-list'), rules.length === 0 ? null : table('Alert rules', headers,
    rules.map((r) => el('tr', { dataset: { rule: r.name } },
      el('td', { text: r.name }), el('td', { className: 'mono', text: r.condition }),
      el('td', { className: 'mono wrap-anywhere', text: r.endpoints }), el('td', { text: r.window }),
      el('td', { text: r.severity }), el('td', { className: 'small', text: labelsText(r.labels) }),
      el('td', { className: 'small', text: r.receivers.length ? r.receivers.join(', ') : 'all' }),
      el('td', { text: r.enabled ? 'yes' : 'no' }),
      canEdit ? el('td', { className: 'nowrap' },
        button('Edit', () => { fillForm(form, r); form.scrollIntoView(); }), ' ',
        button('Delete', () => guarded(() => sendJson('DELETE', `api/alerts/rules?id=${r.id}`), error))) : null))));
  const silenceRule = document.getElementById('silence-form').elements.ruleId;
  replace(silenceRule, el('option', { value: '', text: 'any rule (labels only)' }),
    rules.map((r) => el('option', { value: String(r.id), text: r.name })));
}

function renderSilences(silences) {
  document.getElementById('silences-none').hidden = silences.length > 0;
  const headers = ['Rule', 'Labels', 'Ends', 'Comment', 'By'];
  if (canEdit) headers.push('');
  replace(document.getElementById('silences-list'), silences.length === 0 ? null : table('Silences', headers,
    silences.map((s) => el('tr', { className: s.active ? null : 'muted' },
      el('td', { text: s.rule ?? 'any' }), el('td', { text: labelsText(s.matchers) }),
      el('td', { className: 'nowrap', text: `${formatTime(s.endsAt, timezone)}${s.active ? '' : ' (ended)'}` }),
      el('td', { text: s.comment }), el('td', { text: s.createdBy }),
      canEdit ? el('td', {}, button('End', () => guarded(() => sendJson('DELETE', `api/alerts/silences?id=${s.id}`), error))) : null))));
}

function receiverSummary(r) {
  if (r.kind === 'webhook') return r.settings.url;
  if (r.kind === 'email') return `${r.settings.to} via ${r.settings.host}:${r.settings.port}`;
  return 'Slack incoming webhook';
}

function renderReceivers(receivers) {
  const form = document.getElementById('receiver-form');
  replace(document.getElementById('receivers-list'), receivers.length === 0 ? el('p', { className: 'muted', text: 'No receivers yet: alerts are shown here but sent nowhere.' })
    : table('Receivers', ['Name', 'Kind', 'Where', 'Secret', ''], receivers.map((r) => {
      const result = el('span', { className: 'row-note', dataset: { testResult: r.name } });
      return el('tr', { dataset: { receiver: r.name } },
        el('td', { text: r.name }), el('td', { text: r.kind }), el('td', { className: 'mono wrap-anywhere', text: receiverSummary(r) }),
        el('td', { text: r.hasSecret ? 'stored' : '–' }),
        el('td', { className: 'nowrap' },
          button('Send test', async () => {
            result.textContent = 'sending…';
            try {
              const sent = await sendJson('POST', 'api/alerts/receivers/test', { id: r.id });
              result.textContent = sent.sent ? 'sent' : `failed: ${sent.error}`;
              await loadHistory();
            } catch (e) {
              result.textContent = `failed: ${e.message}`;
            }
          }), ' ',
          button('Edit', () => fillReceiver(form, r)), ' ',
          button('Delete', () => guarded(() => sendJson('DELETE', `api/alerts/receivers?id=${r.id}`), error)),
          result));
    })));
}

function showKind(form) {
  for (const row of form.querySelectorAll('[data-kind]')) row.hidden = row.dataset.kind !== form.elements.kind.value;
}

function fillReceiver(form, r) {
  form.reset();
  form.elements.id.value = r?.id ?? '';
  if (r) {
    form.elements.name.value = r.name;
    form.elements.kind.value = r.kind;
    for (const [k, v] of Object.entries(r.settings)) if (form.elements[k]) form.elements[k].value = v;
  }
  showKind(form);
}

async function loadHistory() {
  const history = await getJson('api/alerts/notifications?limit=50');
  document.getElementById('history-none').hidden = history.length > 0;
  replace(document.getElementById('history-list'), history.length === 0 ? null : table('Notifications',
    ['Time', 'Receiver', 'Message', 'Alerts', 'Outcome'],
    history.map((n) => el('tr', { dataset: { outcome: n.outcome } },
      el('td', { className: 'nowrap', text: formatTime(n.at, timezone) }), el('td', { text: n.receiver }),
      el('td', { text: n.summary }), el('td', { className: 'num', text: String(n.alerts) }),
      el('td', { className: n.outcome === 'failed' ? 'errors-nonzero' : null,
        text: n.outcome === 'failed' ? `failed (attempt ${n.attempt}): ${n.error}` : n.outcome })))));
}

async function refresh() {
  const [alerts, ruleData, silences] = await Promise.all([
    getJson('api/alerts'), getJson('api/alerts/rules'), getJson('api/alerts/silences')]);
  renderRules(ruleData);
  renderAlerts(alerts);
  renderSilences(silences);
  if (canEdit) renderReceivers(await getJson('api/alerts/receivers'));
  await loadHistory();
}

function wireForms() {
  const ruleForm = document.getElementById('rule-form');
  const ruleError = document.getElementById('rule-form-error');
  ruleForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const f = ruleForm.elements;
    guarded(async () => {
      const body = {
        name: f.name.value, metric: f.metric.value, endpoints: f.endpoints.value, comparison: f.comparison.value,
        threshold: f.threshold.value, window: f.window.value, for: f.for.value, severity: f.severity.value,
        labels: parseLabels(f.labels.value), enabled: f.enabled.checked,
        receivers: f.receivers.value.split(',').map((r) => r.trim()).filter((r) => r),
      };
      if (f.id.value) body.id = Number(f.id.value);
      await sendJson(f.id.value ? 'PUT' : 'POST', 'api/alerts/rules', body);
      fillForm(ruleForm, null);
    }, ruleError);
  });
  document.getElementById('rule-reset').addEventListener('click', () => fillForm(ruleForm, null));

  const silenceForm = document.getElementById('silence-form');
  silenceForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const f = silenceForm.elements;
    guarded(async () => {
      const body = { matchers: parseLabels(f.matchers.value), duration: f.duration.value, comment: f.comment.value };
      if (f.ruleId.value) body.ruleId = Number(f.ruleId.value);
      await sendJson('POST', 'api/alerts/silences', body);
      silenceForm.reset();
    }, document.getElementById('silence-form-error'));
  });

  const receiverForm = document.getElementById('receiver-form');
  receiverForm.elements.kind.addEventListener('change', () => showKind(receiverForm));
  document.getElementById('receiver-reset').addEventListener('click', () => fillReceiver(receiverForm, null));
  receiverForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const f = receiverForm.elements;
    const kind = f.kind.value;
    const fields = { webhook: { url: 'url', signingKey: 'signingKey' }, slack: { url: 'slackUrl' },
      email: { host: 'host', port: 'port', security: 'security', username: 'username', password: 'password', from: 'from', to: 'to' } }[kind];
    const settings = {};
    for (const [setting, input] of Object.entries(fields)) if (f[input].value) settings[setting] = f[input].value;
    guarded(async () => {
      const body = { name: f.name.value, kind, settings };
      if (f.id.value) body.id = Number(f.id.value);
      await sendJson(f.id.value ? 'PUT' : 'POST', 'api/alerts/receivers', body);
      fillReceiver(receiverForm, null);
    }, document.getElementById('receiver-form-error'));
  });
}

async function main() {
  try {
    const s = await session;
    canEdit = s.role === 'admin';
    timezone = s.timezone;
    document.getElementById('alerts-readonly').hidden = canEdit;
    wireForms();
    await refresh();
    // States change with every evaluation: keep the page current without a reload.
    setInterval(() => refresh().catch(() => {}), 15000);
  } catch (e) {
    if (e.status !== 401) showMessage(error, `Could not load the alerts: ${e.message}`);
  }
}

main();
