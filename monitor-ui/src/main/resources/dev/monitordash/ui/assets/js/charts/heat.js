// Heatmap colors: blue for few requests, white halfway, red for many — the diverging scale of seed
// fig. 3.2a. Linear in value/max, so the middle of the scale is white and cells compare by eye.

import { el } from '../dom.js';

// ColorBrewer RdBu (5 classes): dark enough at both ends to read on white, light in the middle.
const STOPS = [
  [33, 102, 172], // #2166ac
  [146, 197, 222], // #92c5de
  [247, 247, 247], // #f7f7f7
  [244, 165, 130], // #f4a582
  [178, 24, 43], // #b2182b
];
const NO_VALUE = 'rgba(0, 0, 0, 0.04)';

function mix(a, b, t) {
  return a.map((channel, i) => Math.round(channel + (b[i] - channel) * t));
}

/** The color of `value` on a scale from 0 (blue) over max/2 (white) to max (red), as "rgb(r, g, b)". */
export function heatColor(value, max) {
  if (value === null || value === undefined || !Number.isFinite(Number(value))) return NO_VALUE;
  const ratio = max > 0 ? Math.min(1, Math.max(0, value / max)) : 0;
  const position = ratio * (STOPS.length - 1);
  const stop = Math.min(STOPS.length - 2, Math.floor(position));
  const [r, g, b] = mix(STOPS[stop], STOPS[stop + 1], position - stop);
  return `rgb(${r}, ${g}, ${b})`;
}

/**
 * A small legend for a heatmap: "<label>  0 [blue→white→red] <max>", built without markup. `format`
 * turns the maximum into text (e.g. formatCount, or a percentage).
 */
export function heatLegend(max, label, format = String) {
  const bar = el('span', { className: 'heat-legend-bar', 'aria-hidden': 'true' });
  bar.style.backgroundImage = `linear-gradient(to right, ${STOPS.map(([r, g, b]) => `rgb(${r}, ${g}, ${b})`).join(', ')})`;
  return el('div', { className: 'heat-legend' },
    el('span', { className: 'heat-legend-label', text: label }),
    el('span', { className: 'heat-legend-value', text: format(0) }),
    bar,
    el('span', { className: 'heat-legend-value', text: format(max) }));
}
