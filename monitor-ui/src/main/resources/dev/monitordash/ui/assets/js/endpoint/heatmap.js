// Seed fig. 3.2a: requests per hour of day (rows) and day (columns), blue → white → red. The server
// counts per local hour of the dashboard's timezone; this only lays the counts out.

import { heatColor, heatLegend } from '../charts/heat.js';
import { el, replace } from '../dom.js';
import { formatCount } from '../format.js';
import { drawChart } from '../charts/draw.js';

const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);
// Below this many pixels per day the columns get too thin to point at: the chart scrolls in its card.
const MIN_DAY_WIDTH = 7;
const Y_AXIS_WIDTH = 60;

function hourRange(hourLabel) {
  const h = Number(hourLabel.slice(0, 2));
  return `${hourLabel}–${String((h + 1) % 24).padStart(2, '0')}:00`;
}

/** data: the api/endpoint/heatmap answer ({zone, days, counts[day][hour], total}); legend: an element. */
export function renderHeatmap(canvas, box, legend, data) {
  const max = Math.max(0, ...data.counts.map((hours) => Math.max(...hours)));
  replace(legend, heatLegend(max, 'Requests in one hour', formatCount),
    el('p', { className: 'muted small', text: `${formatCount(data.total)} requests in the range. Days and hours in ${data.zone}.` }));
  const cells = data.days.flatMap((day, i) => HOURS.map((hour, h) => ({ x: day, y: hour, v: data.counts[i][h] })));
  box.style.minWidth = `${data.days.length * MIN_DAY_WIDTH + Y_AXIS_WIDTH}px`;
  return drawChart(canvas, {
    type: 'matrix',
    data: {
      datasets: [{
        label: 'Requests',
        data: cells,
        backgroundColor: (ctx) => heatColor(ctx.raw?.v, max),
        hoverBorderColor: '#1d2329',
      }],
    },
    options: {
      scales: {
        x: {
          labels: data.days,
          // "06-19": the year is in the range filter; the axis has no room for it.
          ticks: { maxRotation: 0, autoSkipPadding: 8, callback(value) { return this.getLabelForValue(value).slice(5); } },
        },
        y: { labels: HOURS, ticks: { autoSkipPadding: 4 } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            title: (items) => `${items[0].raw.x}, ${hourRange(items[0].raw.y)}`,
            label: (item) => `${formatCount(item.raw.v)} ${item.raw.v === 1 ? 'request' : 'requests'}`,
          },
        },
      },
    },
  });
}
