// The cells of the reporting page's tables: one endpoint's change from before to after, as text.

import { colorFor } from './colors.js';
import { breakable, el } from './dom.js';
import { formatMillis } from './format.js';

const relative = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const share = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const effect = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** The endpoint's name, linking to its page (endpoint?endpoint=<url-encoded template>). */
export function endpointLink(endpoint) {
  const swatch = el('span', { className: 'swatch', 'aria-hidden': 'true' });
  swatch.style.backgroundColor = colorFor(endpoint);
  return el('a', { className: 'mono', href: `endpoint?endpoint=${encodeURIComponent(endpoint)}` },
    swatch, breakable(endpoint));
}

/** The endpoint page narrowed to one user ("this user complains"). */
export function userLink(endpoint, user) {
  return el('a', { className: 'mono', href: `endpoint?endpoint=${encodeURIComponent(endpoint)}&user=${encodeURIComponent(user)}`, text: user });
}

/** "10.5 ms → 14 ms". */
export function millisPair(before, after) {
  return `${formatMillis(before)} → ${formatMillis(after)}`;
}

/**
 * The median's relative change, "+33.3%"; red when significantly slower, green when significantly
 * faster (a large change of a few noisy requests is not colored). An endpoint with too few requests
 * shows no number: "not enough data".
 */
export function changeCell(c) {
  if (!c.enoughData) return el('span', { className: 'muted', text: 'not enough data' });
  if (!(c.medianBefore > 0)) return '–';
  const change = c.medianAfter / c.medianBefore - 1;
  const median = c.parts?.find((p) => p.part === 'median');
  const className = !median?.significant ? null : change > 0 ? 'change-slower' : 'change-faster';
  return el('span', { className, text: relative.format(change) });
}

/** The leading part's relative change, "+20%" (what "rank by relative change" orders by). */
export function relativeCell(c) {
  if (c.relativeChange === null || c.relativeChange === undefined || !c.enoughData) return '–';
  return relative.format(c.relativeChange);
}

/** Time lost (or saved) in total: requests after × change of the mean, "+1.2 h", "+340 s", "−5.1 s". */
export function formatExtraTime(seconds) {
  const sign = seconds < 0 ? '−' : '+';
  const s = Math.abs(seconds);
  if (s >= 7200) return `${sign}${decimal.format(s / 3600)} h`;
  if (s >= 120) return `${sign}${decimal.format(s / 60)} min`;
  if (s >= 1) return `${sign}${decimal.format(s)} s`;
  return `${sign}${decimal.format(s * 1000)} ms`;
}

/** What changed in words, colored by direction: "p90 2.0× slower (59.5 → 119.9 ms), median unchanged". */
export function summaryCell(c) {
  if (!c.enoughData) {
    return el('span', { className: 'muted', text: c.summary });
  }
  const className = c.verdict === 'slower' || c.verdict === 'mixed' ? 'change-slower'
    : c.verdict === 'faster' ? 'change-faster' : 'muted';
  return el('span', { className, text: c.summary });
}

/**
 * The confounders checked for a finding, one line each: those that explain the change first and marked,
 * users linked to the endpoint page narrowed to them.
 */
export function checksCell(c) {
  if (!c.checks || c.checks.length === 0) return el('span', { className: 'muted', text: '–' });
  const ordered = [...c.checks].sort((a, b) => Number(b.explains) - Number(a.explains));
  return el('ul', { className: 'report-checks' }, ordered.map((k) => {
    const item = el('li', { className: k.explains ? 'check-explains' : 'muted', dataset: { check: k.kind } },
      k.text);
    if (k.users.length > 0) {
      item.append(' ', el('span', { className: 'check-users' }, 'Users: ',
        ...k.users.flatMap((u, i) => (i === 0 ? [userLink(c.endpoint, u)] : [', ', userLink(c.endpoint, u)]))));
    }
    return item;
  }));
}

/** Share of requests with status ≥ 400 before → after; the status classes of both sides beneath. */
export function errorShareCell(c) {
  const worse = c.errorShareAfter > c.errorShareBefore;
  return el('span', {},
    el('span', { className: worse ? 'errors-nonzero' : null, text: `${share.format(c.errorShareBefore)} → ${share.format(c.errorShareAfter)}` }),
    el('span', { className: 'row-note', text: `${classes(c.statusBefore)} → ${classes(c.statusAfter)}` }));
}

function classes(counts) {
  // A no-break space, so that a wrap never parts "4xx" from its count.
  return Object.keys(counts).sort().map((k) => `${k}\u00a0${counts[k]}`).join(', ') || 'none';
}

/** A p-value with two significant digits; tiny ones as "< 0.001". */
export function formatP(p) {
  if (p === null || p === undefined || Number.isNaN(p)) return '–';
  return p < 0.001 ? '< 0.001' : p.toPrecision(2);
}

/** The rank-biserial effect, "+0.41" (slower) or "−0.20" (faster); "–" when not tested. */
export function formatEffect(value) {
  return value === null || value === undefined ? '–' : effect.format(value);
}

/** "Slower" / "Faster" / "Mixed" for changes, "no" otherwise, "not enough data" below the minimum. */
export function verdict(c) {
  if (!c.enoughData) return el('span', { className: 'badge badge-muted', text: 'not enough data' });
  if (!c.significant) return el('span', { className: 'muted', text: 'no' });
  if (c.verdict === 'mixed') return el('span', { className: 'badge badge-slower', text: 'Mixed' });
  return c.verdict === 'slower'
    ? el('span', { className: 'badge badge-slower', text: 'Slower' })
    : el('span', { className: 'badge badge-faster', text: 'Faster' });
}
