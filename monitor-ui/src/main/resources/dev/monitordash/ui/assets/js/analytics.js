// What the application-wide analytics pages (traffic, performance, versions) share: a range filter kept
// in the URL that reloads the page's sections, the hint shown when a range holds no requests, charts
// sized to their data, and links to an endpoint's page.

import { chartJs } from './charts/charts.js';
import { el } from './dom.js';
import { FilterBar } from './filters.js';
import { session } from './layout.js';

/** The page of one endpoint (route template), relative like every dashboard link. */
export function endpointHref(endpoint) {
  return `endpoint?endpoint=${encodeURIComponent(endpoint)}`;
}

/** The empty state of a section: what to do to see something here. */
export function noRequestsHint() {
  return el('span', {},
    'No requests in this range. Requests to endpoints whose monitoring level is 1 or higher appear here a few '
      + 'seconds after they are made: use the application, or choose a longer range. The ',
    el('a', { href: 'rules', text: 'rules' }),
    ' page shows each endpoint\'s level.');
}

/**
 * Starts a page: a range filter (default the last 30 days) in #filters; `load(params)` runs now and
 * after every change of the filter, with the API query parameters (from, to).
 */
export async function startAnalyticsPage(load) {
  let timezone;
  try {
    ({ timezone } = await session);
  } catch (e) {
    if (e.status === 401) return; // api.js is on its way to the login page
    throw e;
  }
  const filters = new FilterBar(document.getElementById('filters'), () => load(filters.params(), timezone));
  filters.range({ timeZone: timezone });
  await load(filters.params(), timezone);
}

/**
 * Sizes a chart's box to its data: `height` in pixels, and at least `minWidth` pixels wide, so that
 * many days or versions stay readable — the box's card scrolls sideways instead of the page; at most
 * `maxWidth`, so that a few columns do not stretch over a wide screen.
 */
export function sizeChart(boxId, { height, minWidth = 0, maxWidth = null }) {
  const box = document.getElementById(boxId);
  box.style.height = `${Math.round(height)}px`;
  box.style.minWidth = `${Math.round(minWidth)}px`;
  box.style.maxWidth = maxWidth === null ? '' : `${Math.round(Math.max(minWidth, maxWidth))}px`;
}

const linked = new WeakSet();

/**
 * Makes the categories of a chart's axis links: a click on a chart element, or on a category's name on
 * the axis, opens hrefFor(name). Listeners on the canvas, because Chart.js's onClick only sees clicks
 * inside the plot area; set once per canvas, they act on whatever chart is drawn there now.
 */
export function linkCategories(canvasId, axis, hrefFor) {
  const canvas = document.getElementById(canvasId);
  if (linked.has(canvas)) return;
  linked.add(canvas);
  const categoryAt = (event) => {
    const chart = chartJs().getChart(canvas);
    if (!chart) return null;
    const scale = chart.scales[axis];
    const [hit] = chart.getElementsAtEventForMode(event, 'nearest', { intersect: true }, false);
    let index = null;
    if (hit) {
      index = chart.getDatasetMeta(hit.datasetIndex).controller.getParsed(hit.index)[axis];
    } else if (event.offsetX >= scale.left && event.offsetX <= scale.right
        && event.offsetY >= scale.top && event.offsetY <= scale.bottom) {
      index = scale.getValueForPixel(scale.isHorizontal() ? event.offsetX : event.offsetY);
    }
    const labels = scale.getLabels();
    return index !== null && index >= 0 && index < labels.length ? labels[index] : null;
  };
  canvas.addEventListener('click', (event) => {
    const name = categoryAt(event);
    if (name !== null) window.location.assign(hrefFor(name));
  });
  canvas.addEventListener('mousemove', (event) => {
    canvas.style.cursor = categoryAt(event) === null ? '' : 'pointer';
  });
}
