// Formatting of numbers, durations and times, the same on every page.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const precise = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export function formatCount(n) {
  return integer.format(n);
}

/** A duration in milliseconds, e.g. "0.42 ms", "12.3 ms", "1.25 s"; "–" when unknown. */
export function formatMillis(ms) {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  if (ms >= 1000) return `${precise.format(ms / 1000)} s`;
  if (ms >= 10) return `${decimal.format(ms)} ms`;
  return `${precise.format(ms)} ms`;
}

const timeFormats = new Map();

function timeFormat(timeZone) {
  if (!timeFormats.has(timeZone)) {
    const options = {
      year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    };
    let format;
    try {
      // Swedish locale formats as "2025-06-19 17:47:56", the unambiguous form the seed's table uses.
      format = new Intl.DateTimeFormat('sv-SE', { ...options, timeZone });
    } catch (e) {
      format = new Intl.DateTimeFormat('sv-SE', options); // zone unknown to this browser: local time
    }
    timeFormats.set(timeZone, format);
  }
  return timeFormats.get(timeZone);
}

/** An ISO-8601 instant as "YYYY-MM-DD HH:mm:ss" in the dashboard's timezone; fallback when null. */
export function formatTime(iso, timeZone, fallback = 'never') {
  if (!iso) return fallback;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return fallback;
  return timeFormat(timeZone).format(date);
}

/** An ISO-8601 instant to the minute, "YYYY-MM-DD HH:mm", in the dashboard's timezone; fallback when null. */
export function formatMinute(iso, timeZone, fallback = 'never') {
  const time = formatTime(iso, timeZone, null);
  return time === null ? fallback : time.slice(0, 16); // the sv-SE form is fixed-width: cut the seconds
}

/** A configured period in seconds in its largest whole unit: "30 days", "1 day", "36 hours", "90 minutes". */
export function formatPeriod(seconds) {
  const units = [[86_400, 'day'], [3_600, 'hour'], [60, 'minute']];
  const [size, noun] = units.find(([s]) => seconds >= s && seconds % s === 0) ?? [1, 'second'];
  return formatCountOf(seconds / size, noun);
}

/** "3 min ago", for a tooltip beside an absolute time. */
export function formatAgo(iso, now = Date.now()) {
  if (!iso) return '';
  const seconds = Math.round((now - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}

/** Bytes as "512 B", "12.3 MiB", "1.5 GiB"; "–" when unknown (negative). */
export function formatBytes(bytes) {
  if (bytes === null || bytes === undefined || bytes < 0 || Number.isNaN(bytes)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? integer.format(value) : decimal.format(value)} ${units[unit]}`;
}

/** A percentage (0-100) as "12.5 %"; "–" when unknown (negative). */
export function formatPercent(percent) {
  if (percent === null || percent === undefined || percent < 0 || Number.isNaN(percent)) return '–';
  return `${decimal.format(percent)} %`;
}

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

/** A share between 0 and 1 as a percentage, e.g. "42.5%". */
export function formatShare(share) {
  return percent.format(share);
}

/** A count with its noun, singular for one: "1 request", "1,234 requests". */
export function formatCountOf(n, noun) {
  return `${formatCount(n)} ${n === 1 ? noun : `${noun}s`}`;
}
