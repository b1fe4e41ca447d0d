// A table whose columns sort on a click of their heading. Cells are built by the column's render
// function from DOM nodes or text, never from markup.

import { el, replace } from './dom.js';

/**
 * columns: [{ key, label, numeric?, className?, value(row) -> sortable, render(row) -> Node|string }]
 * options: { sortKey, descending, rowAttributes(row) -> props for <tr>, caption }
 */
export function sortableTable(columns, rows, options = {}) {
  let sortKey = options.sortKey ?? columns[0].key;
  let descending = options.descending ?? false;
  const table = el('table');
  if (options.caption) table.append(el('caption', { className: 'visually-hidden', text: options.caption }));
  const headRow = el('tr');
  const tbody = el('tbody');
  table.append(el('thead', {}, headRow), tbody);

  const headers = columns.map((column) => {
    const button = el('button', { type: 'button', className: 'sort', text: column.label });
    const th = el('th', { scope: 'col', className: cellClass(column) }, button);
    button.addEventListener('click', () => {
      descending = sortKey === column.key ? !descending : Boolean(column.numeric);
      sortKey = column.key;
      render();
    });
    headRow.append(th);
    return th;
  });

  function render() {
    const column = columns.find((c) => c.key === sortKey);
    const sorted = [...rows].sort((a, b) => compare(column.value(a), column.value(b), descending));
    headers.forEach((th, i) => {
      const active = columns[i].key === sortKey;
      th.setAttribute('aria-sort', active ? (descending ? 'descending' : 'ascending') : 'none');
    });
    replace(tbody, sorted.map((row) => el('tr', options.rowAttributes ? options.rowAttributes(row) : {},
      columns.map((c) => el('td', { className: cellClass(c) }, c.render(row))))));
  }

  render();
  return table;
}

function cellClass(column) {
  return [column.numeric ? 'num' : null, column.className].filter(Boolean).join(' ') || null;
}

// Missing values (never requested, no median) sort last in either direction.
function compare(a, b, descending) {
  const aMissing = a === null || a === undefined;
  const bMissing = b === null || b === undefined;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  const order = typeof a === 'string' ? a.localeCompare(b) : a < b ? -1 : a > b ? 1 : 0;
  return descending ? -order : order;
}
