// Links between pages about one endpoint. The endpoint travels URL-encoded in the query string, so any
// route template ("/orders/{id}", names with "?" or "&") survives the trip; pages read it back with
// URLSearchParams.

import { breakable, el } from './dom.js';
import { colorFor } from './colors.js';

function pageFor(page, endpoint) {
  return `${page}?endpoint=${encodeURIComponent(endpoint)}`;
}

/** The endpoint's own page (heatmap, versions, users, status codes). */
export function endpointPage(endpoint) {
  return pageFor('endpoint', endpoint);
}

export function outliersPage(endpoint) {
  return pageFor('outliers', endpoint);
}

export function profilePage(endpoint) {
  return pageFor('profile', endpoint);
}

/** The endpoint's name as a link to its page, for tables; with its color swatch unless swatch is false. */
export function endpointLink(endpoint, { swatch = true } = {}) {
  let mark = null;
  if (swatch) {
    mark = el('span', { className: 'swatch', 'aria-hidden': 'true' });
    mark.style.backgroundColor = colorFor(endpoint);
  }
  return el('a', { className: 'mono endpoint-link', href: endpointPage(endpoint) }, mark, breakable(endpoint));
}
