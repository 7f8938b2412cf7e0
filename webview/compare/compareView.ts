/** Runs side by side: their accuracies and differing settings as a table, their loss and accuracy curves overlaid. */
import { ChartCard } from '../charts/chartCard.ts';
import { tableToggle } from '../charts/tablePrefs.ts';
import { element } from '../dom.ts';
import type { PanelView, ViewContext } from '../panelView.ts';
import type { CompareState, LayerDetail, PanelState, SettingsDiff, TextTable } from '../protocol.ts';
import type { AppliedUpdate } from '../state/applyUpdate.ts';
import { renderStatusBanner } from '../statusBanner.ts';

/** A run's name in one line: cut with an ellipsis by the stylesheet, whole in its tooltip. */
function runNameCell(name: string): HTMLTableCellElement {
  return element('th', { scope: 'row', class: 'run-name', title: name }, name);
}

/** The results table, followed by one column per config setting that differs between the runs. */
function renderCompareTable(table: TextTable, settings: SettingsDiff): HTMLTableElement {
  const settingHeaders = settings.paths.map((settingPath, i) => element('th', { scope: 'col', class: i === 0 ? 'setting first-setting' : 'setting', title: `config: ${settingPath}` }, settingPath));
  const columnHeaders = element('tr', {}, ...table.columns.map((c) => element('th', { scope: 'col' }, c)), ...settingHeaders);
  const groupHeaders = settings.paths.length
    ? [element('tr', { class: 'column-groups' }, element('th', { scope: 'colgroup', colspan: String(table.columns.length) }, 'Results'), element('th', { scope: 'colgroup', colspan: String(settings.paths.length), class: 'first-setting' }, 'Settings that differ'))]
    : [];
  const rows = table.rows.map((row, runIndex) => {
    const settingCells = (settings.values[runIndex] ?? []).map((value, i) => element('td', { class: i === 0 ? 'setting first-setting' : 'setting', title: value }, value));
    return element('tr', {}, runNameCell(row[0] ?? ''), ...row.slice(1).map((cell) => element('td', {}, cell)), ...settingCells);
  });
  return element('table', { class: 'compare-table data-table' }, element('thead', {}, ...groupHeaders, columnHeaders), element('tbody', {}, ...rows));
}

export class CompareView implements PanelView {
  readonly kind = 'compare';
  private readonly heading = element('h1');
  private readonly banner = element('div');
  private readonly tableHost = element('section', { class: 'table-scroll', 'aria-label': 'Accuracy by run' });
  private readonly lossSlot = element('div');
  private readonly accuracySlot = element('div');
  private cards: ChartCard[] = [];

  constructor(private readonly root: HTMLElement, private readonly context: ViewContext) {
    root.replaceChildren(element('header', { class: 'panel-header' }, this.heading, this.banner), this.tableHost, element('div', { class: 'chart-grid' }, this.lossSlot, this.accuracySlot));
  }

  render(state: PanelState): void {
    if (state.kind !== 'compare') return;
    this.heading.textContent = state.title;
    renderStatusBanner(this.banner, state.status);
    this.tableHost.replaceChildren(renderCompareTable(state.table, state.settings));
    this.renderCharts(state);
  }

  private renderCharts(state: CompareState): void {
    for (const card of this.cards) card.destroy();
    const loss = new ChartCard(this.lossSlot, {
      id: 'compare-loss', title: 'Training loss (smoothed)', xLabel: 'step', yLabel: 'loss', logScale: this.context.prefs.logScale,
      series: state.loss.series.map((s, i) => ({ label: s.label, color: i })), ...tableToggle(this.context, 'compare-loss'),
    });
    loss.setData(state.loss.steps, state.loss.series.map((s) => s.values));
    const accuracy = new ChartCard(this.accuracySlot, {
      id: 'compare-accuracy', title: 'Student fake-quant accuracy per epoch', xLabel: 'epoch', yLabel: 'accuracy (%)', integerX: true,
      series: state.accuracy.series.map((s, i) => ({ label: s.label, color: i })), ...tableToggle(this.context, 'compare-accuracy'),
    });
    accuracy.setData(state.accuracy.epochs, state.accuracy.series.map((s) => s.values));
    this.cards = [loss, accuracy];
  }

  updated(_state: PanelState, _applied: AppliedUpdate): void {}

  showDetail(_detail: LayerDetail): void {}

  retheme(): void {
    for (const card of this.cards) card.retheme();
  }

  destroy(): void {
    for (const card of this.cards) card.destroy();
    this.root.replaceChildren();
  }
}
