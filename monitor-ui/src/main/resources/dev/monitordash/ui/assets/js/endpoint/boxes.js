// Horizontal box plots of execution time: one per version (seed fig. 3.2d, 5.5) or per user (fig. 3.2f,
// 5.6). The boxes are the API's exact five-number summaries; the axis says what each box stands for and
// how many requests it holds, since a box of a dozen requests tells little.

import { colorFor } from '../colors.js';
import { formatCount, formatTime } from '../format.js';
import { drawChart, shorten } from '../charts/draw.js';
import { timeAxis } from '../charts/time-axis.js';
import { fitHeight } from './size.js';
import { groupName, USERS } from './topn.js';

function requests(count) {
  return `${formatCount(count)} ${count === 1 ? 'request' : 'requests'}`;
}

/**
 * boxes: API box objects whose label names the category; lines(i): the tick text under the name (the
 * first line is the label itself); colors by name through colorFor.
 */
function drawBoxes(canvas, box, boxes, lines) {
  fitHeight(box, boxes.length, { perRow: 16 + 14 * lines(0).length });
  return drawChart(canvas, {
    type: 'boxplot',
    data: {
      labels: boxes.map((b) => b.label),
      datasets: [{
        label: 'Execution time',
        data: boxes,
        backgroundColor: boxes.map((b) => colorFor(b.label, 0.35)),
        borderColor: boxes.map((b) => colorFor(b.label)),
      }],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: timeAxis(boxes),
        y: {
          grid: { display: false },
          ticks: {
            autoSkip: false,
            // Names are cut to a third of the chart's width; the tooltip has them whole.
            callback(value, index) {
              const max = Math.max(10, Math.round(this.chart.width / 24));
              return lines(index).map((line) => shorten(line, max));
            },
          },
        },
      },
    },
  });
}

/** data: the api/endpoint/versions answer, oldest first seen first, so the newest is drawn at the bottom. */
export function renderVersionBoxes(canvas, box, data, timeZone) {
  const boxes = data.versions.map((v) => ({ ...v.box, label: v.version }));
  return drawBoxes(canvas, box, boxes, (i) => [
    data.versions[i].version,
    `first seen ${formatTime(data.versions[i].firstSeen, timeZone, 'unknown')}`,
    requests(data.versions[i].box.count),
  ]);
}

/** data: the api/endpoint/users answer ({boxes, hidden}), in the top-N selection's order. */
export function renderUserBoxes(canvas, box, data) {
  const boxes = data.boxes.map((b) => ({ ...b, label: groupName(b.label, USERS) }));
  return drawBoxes(canvas, box, boxes, (i) => [boxes[i].label, requests(boxes[i].count)]);
}
