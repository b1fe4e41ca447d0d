// The cells of the reporting page's tables: one endpoint's change from before to after, as text.

import { colorFor } from './colors.js';
import { breakable, el } from './dom.js';
import { formatMillis } from './format.js';

const relative = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const share = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const effect = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });

/** The endpoint's name, linking to its page (endpoint?endpoint=<url-encoded template>). */
export function endpointLink(endpoint) {
  const swatch = el('span', { className: 'swatch', 'aria-hidden': 'true' });
  swatch.style.backgroundColor = colorFor(endpoint);
  return el('a', { className: 'mono', href: `endpoint?endpoint=${encodeURIComponent(endpoint)}` },
    swatch, breakable(endpoint));
}

/** "10.5 ms → 14 ms". */
export function millisPair(before, after) {
  return `${formatMillis(before)} → ${formatMillis(after)}`;
}

/**
 * The median's relative change, "+33.3%"; red when significantly slower, green when significantly
 * faster (a large change of a few noisy requests is not colored).
 */
export function changeCell(c) {
  if (!(c.medianBefore > 0)) return '–';
  const change = c.medianAfter / c.medianBefore - 1;
  const className = !c.significant ? null : c.effect > 0 ? 'change-slower' : 'change-faster';
  return el('span', { className, text: relative.format(change) });
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

/** The rank-biserial effect, "+0.41" (slower) or "−0.20" (faster). */
export function formatEffect(value) {
  return effect.format(value);
}

/** "Slower" / "Faster" for significant changes, "no" otherwise. */
export function verdict(c) {
  if (!c.significant) return el('span', { className: 'muted', text: 'no' });
  return c.effect > 0
    ? el('span', { className: 'badge badge-slower', text: 'Slower' })
    : el('span', { className: 'badge badge-faster', text: 'Faster' });
}
