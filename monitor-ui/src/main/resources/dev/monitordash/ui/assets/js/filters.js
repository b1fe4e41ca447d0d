// The filter bar of a page: a date range and, where a page needs them, selects (version, order) and
// numbers (top N). Every value lives in the page URL's query string, so a view can be reloaded,
// bookmarked and shared; onChange runs after each change with the new values.

import { el } from './dom.js';

const PRESETS = [1, 7, 30, 90, 365];

/** Today's date, "YYYY-MM-DD", in the given timezone (the dashboard's, so days match the server's). */
export function today(timeZone) {
  try {
    return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch (e) {
    return new Intl.DateTimeFormat('sv-SE', { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  }
}

/** The date `days` days before an ISO date, by the calendar (no clock, so no daylight-saving shifts). */
export function minusDays(isoDate, days) {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

function urlParams() {
  return new URLSearchParams(window.location.search);
}

function storeInUrl(values) {
  const params = urlParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  window.history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
}

export class FilterBar {
  /** @param container an element the controls go into; @param onChange called with no arguments */
  constructor(container, onChange) {
    this.form = el('form', { className: 'filters', 'aria-label': 'Filters' });
    this.form.addEventListener('submit', (e) => e.preventDefault());
    container.append(this.form);
    this.onChange = onChange;
    this.readers = []; // functions adding their current values to a URLSearchParams
  }

  /**
   * A range of the last N days (today included) or of two dates, in the dashboard's timezone.
   * URL: ?days=30, or ?from=2025-06-01&to=2025-06-30.
   */
  range({ timeZone, defaultDays = 30 }) {
    const url = urlParams();
    const custom = url.has('from') && url.has('to');
    const days = Number(url.get('days')) || defaultDays;
    const preset = el('select', { id: 'filter-range', name: 'days' },
      PRESETS.map((n) => el('option', { value: String(n), text: n === 1 ? 'Today' : `Last ${n} days` })),
      el('option', { value: 'custom', text: 'Custom…' }));
    preset.value = custom ? 'custom' : String(PRESETS.includes(days) ? days : defaultDays);
    const from = el('input', { type: 'date', id: 'filter-from', name: 'from', value: url.get('from') ?? minusDays(today(timeZone), days - 1) });
    const to = el('input', { type: 'date', id: 'filter-to', name: 'to', value: url.get('to') ?? today(timeZone) });
    const dates = el('span', { className: 'filter-dates' }, from, el('span', { className: 'muted', text: 'to' }), to);
    dates.hidden = !custom;
    this.form.append(el('label', { className: 'filter', for: 'filter-range' }, el('span', { text: 'Range' }), preset), dates);

    const value = () => {
      if (preset.value === 'custom') return { from: from.value, to: to.value };
      const n = Number(preset.value);
      const end = today(timeZone);
      return { from: minusDays(end, n - 1), to: end };
    };
    preset.addEventListener('change', () => {
      dates.hidden = preset.value !== 'custom';
      if (preset.value === 'custom') {
        storeInUrl({ days: null, from: from.value, to: to.value });
      } else {
        storeInUrl({ days: preset.value === String(defaultDays) ? null : preset.value, from: null, to: null });
      }
      this.onChange();
    });
    for (const input of [from, to]) {
      input.addEventListener('change', () => {
        if (!from.value || !to.value || from.value > to.value) return; // half-typed: wait for a whole range
        storeInUrl({ from: from.value, to: to.value });
        this.onChange();
      });
    }
    this.readers.push((params) => {
      const { from: f, to: t } = value();
      params.set('from', f);
      params.set('to', t);
    });
    return this;
  }

  /** A select of `options` ([{value, text}]); '' as a value means "not filtered" and is left out of queries. */
  select(name, label, options, defaultValue = '') {
    const select = el('select', { id: `filter-${name}`, name });
    this.form.append(el('label', { className: 'filter', for: select.id }, el('span', { text: label }), select));
    const wanted = urlParams().get(name) ?? defaultValue;
    const fill = (list) => {
      const current = select.options.length ? select.value : wanted;
      select.replaceChildren(...list.map((o) => el('option', { value: o.value, text: o.text })));
      select.value = list.some((o) => o.value === current) ? current : defaultValue;
    };
    fill(options);
    select.addEventListener('change', () => {
      storeInUrl({ [name]: select.value === defaultValue ? null : select.value });
      this.onChange();
    });
    this.readers.push((params) => {
      if (select.value !== '') params.set(name, select.value);
    });
    return { element: select, setOptions: fill };
  }

  /**
   * A checkbox kept in the URL as name=on or name=off (e.g. frames=app / frames=all), written on every
   * change so a shared link keeps its view even if the default changes; without either, defaultOn.
   */
  toggle(name, label, { on, off, defaultOn }) {
    const fromUrl = urlParams().get(name);
    const box = el('input', { type: 'checkbox', id: `filter-${name}`, name });
    box.checked = fromUrl === on || (fromUrl !== off && defaultOn);
    this.form.append(el('label', { className: 'filter filter-toggle', for: box.id }, box, el('span', { text: label })));
    box.addEventListener('change', () => {
      storeInUrl({ [name]: box.checked ? on : off });
      this.onChange();
    });
    this.readers.push((params) => params.set(name, box.checked ? on : off));
    return box;
  }

  /** A whole number between min and max (e.g. top N). */
  number(name, label, { min = 1, max = 1000, defaultValue }) {
    const fromUrl = Number.parseInt(urlParams().get(name), 10);
    const input = el('input', {
      type: 'number', id: `filter-${name}`, name, min, max, step: 1, inputmode: 'numeric',
      value: Number.isInteger(fromUrl) && fromUrl >= min && fromUrl <= max ? fromUrl : defaultValue,
    });
    this.form.append(el('label', { className: 'filter filter-number', for: input.id }, el('span', { text: label }), input));
    const current = () => {
      const n = Number.parseInt(input.value, 10);
      return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : defaultValue;
    };
    input.addEventListener('change', () => {
      input.value = current();
      storeInUrl({ [name]: current() === defaultValue ? null : current() });
      this.onChange();
    });
    this.readers.push((params) => params.set(name, String(current())));
    return input;
  }

  /**
   * One date ("YYYY-MM-DD", a day in the dashboard's timezone) under its own name, e.g. one end of a
   * second range; defaultValue when the URL has none. A cleared input keeps the last whole date.
   */
  date(name, label, defaultValue) {
    const fromUrl = urlParams().get(name);
    const valid = (v) => /^\d{4}-\d{2}-\d{2}$/.test(v ?? '');
    const input = el('input', { type: 'date', id: `filter-${name}`, name, value: valid(fromUrl) ? fromUrl : defaultValue });
    this.form.append(el('label', { className: 'filter', for: input.id }, el('span', { text: label }), input));
    let last = input.value;
    input.addEventListener('change', () => {
      if (!valid(input.value)) return; // half-typed or cleared: wait for a whole date
      last = input.value;
      storeInUrl({ [name]: input.value === defaultValue ? null : input.value });
      this.onChange();
    });
    this.readers.push((params) => params.set(name, last));
    return input;
  }

  /** The current values as query parameters for the API, plus `extra` (e.g. {endpoint}). */
  params(extra = {}) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(extra)) {
      if (value !== null && value !== undefined) params.set(key, value);
    }
    for (const read of this.readers) read(params);
    return params;
  }
}
