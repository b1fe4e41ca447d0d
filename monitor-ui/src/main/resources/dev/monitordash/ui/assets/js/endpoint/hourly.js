// Seed fig. 3.2b and 3.2c: the last 48 hours, one point per hour — minimum, mean and maximum execution
// time as lines, and the number of requests as bars. Hours without requests are gaps, not zeros.

import { colorFor } from '../colors.js';
import { formatCount, formatMillis, formatPercent, formatTime } from '../format.js';
import { drawChart, GRID } from '../charts/draw.js';

const LINES = [
  { key: 'maxMillis', label: 'Maximum', color: '#b2182b' },
  { key: 'meanMillis', label: 'Mean', color: '#1d2329' },
  { key: 'minMillis', label: 'Minimum', color: '#2166ac' },
];

/** "06-19 17:00" in the dashboard's timezone: formatTime gives "2025-06-19 17:00:00". */
function hourLabel(iso, timeZone) {
  return formatTime(iso, timeZone).slice(5, 16);
}

const hourAxis = { offset: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } };
// Both charts' value axes get the same width, so their hours line up one above the other.
const fixedWidth = (scale) => {
  scale.width = 64;
};

/** data: the api/endpoint/hourly answer; two canvases, one per chart. */
export function renderHourly(timesCanvas, requestsCanvas, data, timeZone) {
  const labels = data.hours.map((h) => hourLabel(h.start, timeZone));
  drawChart(timesCanvas, {
    type: 'line',
    data: {
      labels,
      datasets: LINES.map((line) => ({
        label: line.label,
        data: data.hours.map((h) => h[line.key]),
        borderColor: line.color,
        backgroundColor: line.color,
        borderWidth: line.key === 'meanMillis' ? 2 : 1.5,
        pointRadius: 2,
        spanGaps: false,
      })),
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: hourAxis,
        y: { beginAtZero: true, grid: GRID, title: { display: true, text: 'ms' }, afterFit: fixedWidth },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatMillis(item.raw)}` } },
      },
    },
  });
  drawChart(requestsCanvas, {
    type: 'bar',
    data: {
      labels,
      datasets: [{
        label: 'Requests',
        data: data.hours.map((h) => h.requests),
        backgroundColor: colorFor(data.endpoint, 0.75),
        borderColor: colorFor(data.endpoint),
        borderWidth: 1,
      }],
    },
    options: {
      scales: {
        x: hourAxis,
        y: { beginAtZero: true, ticks: { precision: 0 }, grid: GRID, afterFit: fixedWidth },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${formatCount(item.raw)} requests` } },
      },
    },
  });
}

const CPU_LINES = [
  { key: 'host.cpu', label: 'Host CPU', color: '#2166ac' },
  { key: 'process.cpu', label: 'This JVM\'s CPU', color: '#d6604d' },
];

/**
 * The resource series' means per hour beside the hours of the execution-time chart (same labels, so a
 * slow hour stands above a busy machine). resources: the api/resources answer for these hours with
 * step=3600; its instance answering this page is shown, or the first when that one has no samples.
 * Returns the instance shown, or null when no instance has samples in these hours.
 */
export function renderHourlyCpu(canvas, data, resources, timeZone) {
  const series = resources.instances.find((s) => s.instance === resources.instance) ?? resources.instances[0];
  if (!series) return null;
  const byTime = new Map(series.times.map((t, i) => [t, i]));
  const at = (h) => byTime.get(Date.parse(h.start));
  drawChart(canvas, {
    type: 'line',
    data: {
      labels: data.hours.map((h) => hourLabel(h.start, timeZone)),
      datasets: CPU_LINES.map((line) => ({
        label: line.label,
        data: data.hours.map((h) => (at(h) === undefined ? null : series.values[line.key][at(h)])),
        borderColor: line.color,
        backgroundColor: line.color,
        borderWidth: 1.5,
        pointRadius: 2,
        spanGaps: false,
      })),
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: hourAxis,
        y: { beginAtZero: true, max: 100, grid: GRID, title: { display: true, text: '%' }, afterFit: fixedWidth },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatPercent(item.raw)} (mean of the hour)` } },
      },
    },
  });
  return series;
}

/** The hourly answer is empty when none of its 48 hours had a request. */
export function noHourlyRequests(data) {
  return data.hours.every((h) => h.requests === 0);
}
