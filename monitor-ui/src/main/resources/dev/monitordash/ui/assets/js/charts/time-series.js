// Line charts over time for the resource series (resources page, endpoint page): the x axis is epoch
// milliseconds on a linear scale, labelled in the dashboard's timezone by our own formatter, so no
// Chart.js date adapter is needed and every label agrees with the other pages' times.

import { formatTime } from '../format.js';
import { drawChart, GRID } from './draw.js';

/** "17:40" within a day, "06-19 17:40" across days, in the dashboard's timezone. */
export function timeLabel(millis, timeZone, spanMillis) {
  const text = formatTime(new Date(millis).toISOString(), timeZone);
  return spanMillis <= 36 * 3600 * 1000 ? text.slice(11, 16) : text.slice(5, 16);
}

const MINUTE = 60 * 1000;
const TICK_STEPS = [5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 7200, 10080].map((m) => m * MINUTE);

/**
 * A round tick step giving 5-10 ticks over the span. Ticks fall on multiples of it from the epoch, so they
 * are round hours in UTC; in a zone offset by a whole number of hours they are round there too.
 */
export function tickStep(spanMillis) {
  return TICK_STEPS.find((step) => spanMillis / step <= 10) ?? TICK_STEPS[TICK_STEPS.length - 1];
}

/** The API's parallel arrays as Chart.js points; nulls stay (a gap in the line). */
export function points(times, values) {
  return times.map((t, i) => ({ x: t, y: values ? values[i] ?? null : null }));
}

/**
 * Draws lines over [from, to] (epoch ms). lines: [{label, data: points, color, dashed?, fill?}];
 * format(value) labels the value axis and tooltips; yMax fixes the top (100 for percentages).
 */
export function drawTimeSeries(canvas, { from, to, timeZone, lines, format, yMax, legend = true }) {
  const span = to - from;
  return drawChart(canvas, {
    type: 'line',
    data: {
      datasets: lines.map((line) => ({
        label: line.label,
        data: line.data,
        borderColor: line.color,
        backgroundColor: line.fill ? `${line.color}22` : line.color,
        borderWidth: line.dashed ? 1 : 1.5,
        borderDash: line.dashed ? [4, 3] : [],
        fill: Boolean(line.fill),
        pointRadius: 0,
        pointHitRadius: 4,
        spanGaps: false,
        tension: 0,
      })),
    },
    options: {
      animation: false,
      parsing: false,
      normalized: true,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: {
          type: 'linear', min: from, max: to, grid: { display: false },
          ticks: { maxRotation: 0, autoSkipPadding: 16, stepSize: tickStep(span), callback: (v) => timeLabel(v, timeZone, span) },
          afterBuildTicks: (scale) => {
            // Chart.js starts at min; keep only the round ones (and no label at the ragged ends).
            const step = tickStep(span);
            const first = Math.ceil(from / step) * step;
            const ticks = [];
            for (let t = first; t <= to; t += step) ticks.push({ value: t });
            scale.ticks = ticks;
          },
        },
        y: {
          beginAtZero: true, max: yMax, grid: GRID,
          ticks: { callback: (v) => format(v) },
          afterFit: (scale) => { scale.width = 72; },
        },
      },
      plugins: {
        legend: { display: legend, position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            title: ([item]) => formatTime(new Date(item.parsed.x).toISOString(), timeZone),
            label: (item) => `${item.dataset.label}: ${format(item.parsed.y)}`,
          },
        },
      },
    },
  });
}
