/** Above the layer table, when the run has a sensitivity analysis: what was measured, which proxy to trust, and each proxy's rank correlations. */
import { element } from '../dom.ts';
import type { SensitivityView } from '../protocol.ts';

export function renderSensitivity(target: HTMLElement, sensitivity: SensitivityView | undefined): void {
  target.hidden = sensitivity === undefined;
  if (!sensitivity) {
    target.replaceChildren();
    return;
  }
  const { columns, rows } = sensitivity.correlations;
  const table = element('table', { class: 'data-table correlation-table' },
    element('caption', {}, 'Spearman rank correlation of each proxy with the measured figures (+1: the same order)'),
    element('thead', {}, element('tr', {}, ...columns.map((c) => element('th', { scope: 'col' }, c)))),
    element('tbody', {}, ...rows.map(([proxy = '', ...cells]) => element('tr', {}, element('th', { scope: 'row' }, proxy), ...cells.map((cell) => element('td', { class: 'numeric' }, cell))))),
  );
  target.replaceChildren(
    element('h2', {}, 'Sensitivity'),
    element('p', { class: 'sensitivity-advice' }, sensitivity.advice),
    element('p', { class: 'hint' }, sensitivity.caption),
    table,
  );
}
