// Horizontal box plots of execution time: one per version (seed fig. 3.2d, 5.5) or per user (fig. 3.2f,
// 5.6). The boxes are the API's five-number summaries (quartiles from sketches, within 1 %; count, min
// and max exact); the axis says what each box stands for and how many requests it holds, since a box of
// a dozen requests tells little.

import { formatCountOf, formatTime } from '../format.js';
import { drawChart, shorten } from '../charts/draw.js';
import { timeBoxPlot } from '../charts/time-boxes.js';
import { fitHeight } from './size.js';
import { groupName, USERS } from './topn.js';

/**
 * boxes: API box objects whose label names the category; lines(i): the tick text under the name (the
 * first line is the label itself).
 */
function drawBoxes(canvas, box, boxes, lines) {
  fitHeight(box, boxes.length, { perRow: 16 + 14 * lines(0).length });
  // Names are cut to a third of the chart's width; the tooltip has them whole.
  return drawChart(canvas, timeBoxPlot(boxes, (i, chart) => {
    const max = Math.max(10, Math.round(chart.width / 24));
    return lines(i).map((line) => shorten(line, max));
  }));
}

/** data: the api/endpoint/versions answer, oldest first seen first, so the newest is drawn at the bottom. */
export function renderVersionBoxes(canvas, box, data, timeZone) {
  const boxes = data.versions.map((v) => ({ ...v.box, label: v.version }));
  return drawBoxes(canvas, box, boxes, (i) => [
    data.versions[i].version,
    `first seen ${formatTime(data.versions[i].firstSeen, timeZone, 'unknown')}`,
    formatCountOf(data.versions[i].box.count, 'request'),
  ]);
}

/** data: the api/endpoint/users answer ({boxes, hidden}), in the top-N selection's order. */
export function renderUserBoxes(canvas, box, data) {
  const boxes = data.boxes.map((b) => ({ ...b, label: groupName(b.label, USERS) }));
  return drawBoxes(canvas, box, boxes, (i) => [boxes[i].label, formatCountOf(boxes[i].count, 'request')]);
}
