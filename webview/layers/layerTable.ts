/**
 * The sortable, filterable table of quantized layers. Headers are buttons (Enter or
 * Space sorts); rows are focusable and Enter selects, so the table works from the
 * keyboard alone.
 */
import { element } from '../dom.ts';
import type { LayerRow } from '../protocol.ts';
import { cellText, LAYER_COLUMNS, layerRole, visibleRows, type LayerColumn } from './layerColumns.ts';

export interface LayerTableOptions {
  onSelect: (node: string) => void;
  onSort: (sort: { column: string; descending: boolean }) => void;
}

/** Rows drawn at first: laying out a thousand rows takes the browser a quarter of a second; sorting and filtering bring any layer into them. */
export const FIRST_ROWS = 200;

export class LayerTable {
  readonly element = element('table', { class: 'layer-table', 'aria-label': 'Quantized layers' });
  private columns: readonly LayerColumn[] = LAYER_COLUMNS;
  /** Rows that match the filter, before the FIRST_ROWS limit. */
  matching = 0;
  showAll = false;

  constructor(private readonly options: LayerTableOptions) {}

  render(rows: readonly LayerRow[], shown: { final: boolean; sensitivity: boolean }, filter: string, sort: { column: string; descending: boolean } | null, selected: string | null, excluded: readonly string[]): void {
    this.columns = LAYER_COLUMNS.filter((c) => (shown.final || !c.finalOnly) && (shown.sensitivity || !c.sensitivityOnly));
    this.element.classList.toggle('with-sensitivity', shown.sensitivity);
    const head = element('tr');
    for (const column of this.columns) {
      const sorted = sort?.column === column.key;
      const button = element('button', { class: 'sort-button', type: 'button', title: column.description }, column.label);
      button.addEventListener('click', () => this.options.onSort({ column: column.key, descending: sorted ? !sort.descending : column.numeric }));
      const th = element('th', { scope: 'col', class: column.numeric ? 'numeric' : '', 'aria-sort': sorted ? (sort.descending ? 'descending' : 'ascending') : 'none' }, button);
      head.append(th);
    }
    const body = element('tbody');
    const fragment = document.createDocumentFragment();
    const excludedSet = new Set(excluded);
    const matching = visibleRows(rows, filter, sort);
    this.matching = matching.length;
    for (const row of this.showAll ? matching : matching.slice(0, FIRST_ROWS)) {
      const tr = element('tr', { tabindex: '0', 'data-node': row.node, 'aria-selected': String(row.node === selected) });
      if (excludedSet.has(row.node)) tr.classList.add('excluded');
      for (const column of this.columns) {
        const text = cellText(column, row);
        const cell = column.key === 'node' ? element('th', { scope: 'row' }, text) : element('td', { class: column.numeric ? 'numeric' : '' }, text);
        if (column.key === 'node' && excludedSet.has(row.node)) cell.append(element('span', { class: 'tag' }, 'excluded'));
        const role = column.key === 'node' ? layerRole(row) : undefined;
        if (role) cell.append(element('div', { class: 'hint layer-role' }, role));
        if (column.key === 'improvementDb' && row.improvementDb !== null) cell.classList.add(row.improvementDb >= 0 ? 'tone-good' : 'tone-bad');
        if (column.sensitivityOnly) cell.classList.add('sensitivity');
        tr.append(cell);
      }
      fragment.append(tr);
    }
    body.append(fragment);
    body.addEventListener('click', (event) => this.selectFrom(event.target));
    body.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        this.selectFrom(event.target);
      }
    });
    this.element.replaceChildren(element('thead', {}, head), body);
  }

  private selectFrom(target: EventTarget | null): void {
    const row = target instanceof Element ? target.closest('tr[data-node]') : null;
    const node = row?.getAttribute('data-node');
    if (node) this.options.onSelect(node);
  }

  markSelected(node: string | null): void {
    this.element.querySelectorAll('tbody tr').forEach((row) => row.setAttribute('aria-selected', String(row.getAttribute('data-node') === node)));
  }
}
