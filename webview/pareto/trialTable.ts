/** The tuning's trials as a table: rows are focusable, and a click, Enter or Space selects one. */
import { element } from '../dom.ts';
import type { TrialView } from '../protocol.ts';

export class TrialTable {
  readonly element = element('table', { class: 'trial-table data-table', 'aria-label': 'Tuning trials' });

  constructor(private readonly onSelect: (trial: number) => void) {
    this.element.addEventListener('click', (event) => this.selectFrom(event.target));
    this.element.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      this.selectFrom(event.target);
    });
  }

  render(columns: readonly string[], trials: readonly TrialView[], selected: number | null): void {
    const head = element('tr', {}, ...columns.map((column) => element('th', { scope: 'col' }, column)));
    const rows = trials.map((trial) => {
      const [first = '', ...rest] = trial.cells;
      const row = element('tr', { tabindex: '0', 'data-trial': String(trial.index), 'aria-selected': String(trial.index === selected) },
        element('th', { scope: 'row' }, first), ...rest.map((cell) => element('td', {}, cell)));
      row.classList.add(trial.meets ? 'trial-meets' : 'trial-misses');
      if (trial.chosen) row.classList.add('trial-chosen');
      return row;
    });
    this.element.replaceChildren(element('thead', {}, head), element('tbody', {}, ...rows));
  }

  markSelected(trial: number | null): void {
    this.element.querySelectorAll('tbody tr').forEach((row) => row.setAttribute('aria-selected', String(row.getAttribute('data-trial') === String(trial))));
  }

  private selectFrom(target: EventTarget | null): void {
    const row = target instanceof Element ? target.closest('tr[data-trial]') : null;
    const trial = row?.getAttribute('data-trial');
    if (trial !== null && trial !== undefined) this.onSelect(Number(trial));
  }
}
