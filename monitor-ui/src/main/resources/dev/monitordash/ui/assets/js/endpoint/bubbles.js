// Group × version bubble plots (seed fig. 3.2e, 5.4 for users; 5.11 for client addresses): a bubble per
// group and version with requests, its area proportional to the mean execution time. Chart.js bubbles
// need numeric axes, so groups and versions become indices 0..n-1 and the ticks print their names.

import { colorFor } from '../colors.js';
import { formatCount, formatMillis } from '../format.js';
import { drawChart, GRID, shorten } from '../charts/draw.js';
import { fitHeight } from './size.js';
import { groupName } from './topn.js';

const ROW_HEIGHT = 38;
const MIN_RADIUS = 3;
const MAX_RADIUS = ROW_HEIGHT / 2 - 2; // the slowest bubble fills its row, never the next one

/** A linear axis that behaves like a category axis over `names` (index i → names[i]). */
function namedAxis(names, { reverse = false, maxChars = () => 24 } = {}) {
  return {
    type: 'linear',
    min: -0.5,
    max: names.length - 0.5,
    reverse,
    grid: GRID,
    afterBuildTicks(axis) {
      axis.ticks = names.map((_, i) => ({ value: i }));
    },
    ticks: {
      autoSkip: false,
      callback(value) {
        return Number.isInteger(value) && names[value] !== undefined ? shorten(names[value], maxChars(this.chart)) : '';
      },
    },
  };
}

/**
 * data: the api/endpoint/user-versions or ip-versions answer ({groups, versions, bubbles, hidden});
 * nouns: USERS or ADDRESSES from topn.js. One dataset per version, colored as that version everywhere.
 */
export function renderBubbles(canvas, box, data, nouns) {
  const groups = data.groups.map((g) => groupName(g, nouns));
  const groupIndex = new Map(data.groups.map((g, i) => [g, i]));
  const slowest = Math.max(...data.bubbles.map((b) => b.meanMillis));
  // Area, not radius, grows with the mean: a bubble twice as slow looks twice as big.
  const radius = (mean) => MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(slowest > 0 ? mean / slowest : 0);
  fitHeight(box, groups.length, { perRow: ROW_HEIGHT, extra: 60, min: 140 });
  return drawChart(canvas, {
    type: 'bubble',
    data: {
      datasets: data.versions.map((version, x) => ({
        label: version,
        data: data.bubbles.filter((b) => b.version === version).map((b) => ({
          x,
          y: groupIndex.get(b.group),
          r: radius(b.meanMillis),
          group: groupName(b.group, nouns),
          version,
          requests: b.requests,
          meanMillis: b.meanMillis,
        })),
        backgroundColor: colorFor(version, 0.55),
        borderColor: colorFor(version),
        borderWidth: 1,
      })),
    },
    options: {
      scales: {
        x: { ...namedAxis(data.versions), title: { display: true, text: 'Version' } },
        y: namedAxis(groups, { reverse: true, maxChars: (chart) => Math.max(10, Math.round(chart.width / 26)) }),
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => `${items[0].raw.group} · ${items[0].raw.version}`,
            label: (item) => `${formatCount(item.raw.requests)} requests, mean ${formatMillis(item.raw.meanMillis)}`,
          },
        },
      },
    },
  });
}
