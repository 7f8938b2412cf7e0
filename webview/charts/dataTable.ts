/**
 * A chart's text alternative: its numbers as a table. Very long series show their
 * last rows (the caption says so), so opening the table never stalls the panel.
 */
import { element } from '../dom.ts';

export const TABLE_ROW_LIMIT = 1000;

function formatCell(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 1e-3 && Math.abs(value) < 1e5 ? value.toPrecision(5) : value.toExponential(3);
}

export function renderDataTable(caption: string, xLabel: string, x: readonly number[], columns: readonly { label: string; values: readonly (number | null)[] }[], xNames?: readonly string[]): HTMLTableElement {
  const first = Math.max(0, x.length - TABLE_ROW_LIMIT);
  const shown = first > 0 ? `${caption} (the last ${TABLE_ROW_LIMIT} of ${x.length} points)` : caption;
  const table = element('table', { class: 'data-table' }, element('caption', {}, shown));
  const head = element('tr', {}, element('th', { scope: 'col' }, xLabel), ...columns.map((c) => element('th', { scope: 'col' }, c.label)));
  table.append(element('thead', {}, head));
  const body = element('tbody');
  for (let i = first; i < x.length; i++) {
    const row = element('tr', {}, element('th', { scope: 'row' }, xNames?.[i] ?? formatCell(x[i])));
    for (const column of columns) row.append(element('td', {}, formatCell(column.values[i])));
    body.append(row);
  }
  table.append(body);
  return table;
}
