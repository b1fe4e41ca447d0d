// The resources page: one instance's resource series over 1 hour, 24 hours, 7 or 30 days (api/resources),
// drawn as line charts on a time axis in the dashboard's timezone. Range and instance live in the URL.

import { getJson } from './api.js';
import { colorFor } from './colors.js';
import { el, replace } from './dom.js';
import { formatBytes, formatCount, formatPercent, formatPeriod } from './format.js';
import { session } from './layout.js';
import { loadSection } from './states.js';
import { drawTimeSeries, points } from './charts/time-series.js';

const RANGES = [['1h', 'Last hour'], ['24h', 'Last 24 hours'], ['7d', 'Last 7 days'], ['30d', 'Last 30 days']];
const $ = (id) => document.getElementById(id);
const HOST = '#2166ac';
const PROCESS = '#d6604d';
const THIRD = '#4d9221';

const percent = (v) => formatPercent(v);
const count = (v) => formatCount(v);
const rate = (v) => `${Number(v).toFixed(v < 10 ? 1 : 0)}/s`;

function urlValue(name) {
  return new URLSearchParams(window.location.search).get(name);
}

function storeInUrl(name, value) {
  const params = new URLSearchParams(window.location.search);
  if (value) params.set(name, value); else params.delete(name);
  const query = params.toString();
  window.history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
}

function select(id, label, options, value, onChange) {
  const node = el('select', { id, name: id.replace('filter-', '') },
    options.map(([v, text]) => el('option', { value: v, text })));
  node.value = value;
  node.addEventListener('change', () => onChange(node.value));
  return el('label', { className: 'filter', for: id }, el('span', { text: label }), node);
}

let answer = null;

function shownInstance(data) {
  const wanted = urlValue('instance');
  const names = data.instances.map((s) => s.instance);
  if (wanted && names.includes(wanted)) return wanted;
  return names.includes(data.instance) ? data.instance : names[0];
}

function instanceFilter(data, shown) {
  const holder = $('instance-filter');
  if (data.instances.length < 2) {
    replace(holder);
    return;
  }
  const options = data.instances.map((s) => [s.instance,
    `${s.service} · ${s.instance}${s.instance === data.instance ? ' (this one)' : ''}`]);
  replace(holder, select('filter-instance', 'Instance', options, shown, (v) => {
    storeInUrl('instance', v);
    render(answer);
  }));
}

function render(data) {
  answer = data;
  const shown = shownInstance(data);
  instanceFilter(data, shown);
  const s = data.instances.find((i) => i.instance === shown);
  const from = Date.parse(data.from);
  const to = Date.parse(data.to);
  const tz = data.timezone;
  const line = (label, id, color, extra = {}) => ({ label, data: points(s.times, s.values[id]), color, ...extra });
  const peak = (label, id, color) => ({ label, data: points(s.times, s.max[id]), color, dashed: true });
  const chart = (canvasId, lines, format, options = {}) =>
    drawTimeSeries($(canvasId), { from, to, timeZone: tz, lines, format, ...options });

  $('resources-note').textContent = `${s.service} · ${s.instance}: one point per ${formatPeriod(data.stepSeconds)}`
    + (data.periodSeconds > 0 ? `, sampled every ${formatPeriod(data.periodSeconds)}.` : '. This instance does not sample (monitordash.resources.period is 0).');

  chart('cpu-chart', [line('Host', 'host.cpu', HOST, { fill: true }), peak('Host, highest', 'host.cpu', HOST),
    line('This JVM', 'process.cpu', PROCESS), peak('This JVM, highest', 'process.cpu', PROCESS)], percent, { yMax: 100 });
  chart('cores-chart', s.cores.map((values, i) => ({ label: `Core ${i}`, data: points(s.times, values), color: colorFor(`core-${i}`) })),
    percent, { yMax: 100, legend: s.cores.length <= 16 });
  chart('load-chart', [line('1 minute', 'host.load1', HOST), line('5 minutes', 'host.load5', PROCESS),
    line('15 minutes', 'host.load15', THIRD)], (v) => Number(v).toFixed(2));
  chart('memory-chart', [line('Memory in use', 'host.memory.used', HOST, { fill: true }),
    line('Memory', 'host.memory.total', HOST, { dashed: true }), line('Swap in use', 'host.swap.used', PROCESS),
    line('Swap', 'host.swap.total', PROCESS, { dashed: true })], formatBytes);
  chart('heap-chart', [line('Heap in use', 'heap.used', HOST, { fill: true }), peak('Heap in use, highest', 'heap.used', HOST),
    line('Heap committed', 'heap.committed', THIRD), line('Heap maximum', 'heap.max', HOST, { dashed: true }),
    line('Non-heap in use', 'nonheap.used', PROCESS)], formatBytes);
  chart('gc-chart', [line('Time in GC', 'gc.time', PROCESS, { fill: true }), peak('Time in GC, highest', 'gc.time', PROCESS)], percent);
  chart('threads-chart', [line('Live', 'threads.live', HOST), line('Daemon', 'threads.daemon', THIRD)], count);
  const hasDisk = s.values['disk.total'].some((v) => v !== null);
  $('disk-title').textContent = hasDisk ? 'Disk of the store\'s volume' : 'Disk: not sampled (the store is not a SQLite file on this host)';
  chart('disk-chart', [line('In use', 'disk.used', HOST, { fill: true }), line('Size', 'disk.total', HOST, { dashed: true })], formatBytes);
  chart('pipeline-chart', [line('Written', 'pipeline.written', HOST), line('Dropped', 'pipeline.dropped', PROCESS)], rate);
}

const SECTIONS = ['section-cpu', 'section-memory', 'section-jvm', 'section-disk'];

async function load() {
  const range = urlValue('range') || '1h';
  const request = getJson(`api/resources?range=${encodeURIComponent(range)}`);
  const empty = 'No resource samples in this range yet. They are taken every monitordash.resources.period '
    + '(10 s by default); a new instance has its first within seconds.';
  // One answer for all sections: each shows its state, and the charts are drawn once all are visible.
  const [data] = await Promise.all(SECTIONS.map((id) => loadSection($(id), () => request, () => {},
    { empty, isEmpty: (d) => d.instances.length === 0 })));
  if (data) render(data);
}

async function start() {
  await session;
  const bar = el('form', { className: 'filters', 'aria-label': 'Filters' });
  bar.addEventListener('submit', (e) => e.preventDefault());
  const range = RANGES.some(([v]) => v === urlValue('range')) ? urlValue('range') : '1h';
  bar.append(select('filter-range', 'Range', RANGES, range, (v) => {
    storeInUrl('range', v === '1h' ? null : v);
    load();
  }), el('span', { id: 'instance-filter' }));
  $('filters').append(bar);
  await load();
}

start();
