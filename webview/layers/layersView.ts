/**
 * The per-layer quantization error panel: SQNR per layer in graph order, the layer
 * table, and the selected layer's detail. Works the same for a run and for a PTQ
 * inspection (which has no final stage and nothing to exclude from).
 */
import { ChartCard } from '../charts/chartCard.ts';
import { tableToggle } from '../charts/tablePrefs.ts';
import { createButton } from '../components/button.ts';
import { createTextField } from '../components/textField.ts';
import { element } from '../dom.ts';
import type { PanelView, ViewContext } from '../panelView.ts';
import type { LayerDetail, LayersState, PanelState } from '../protocol.ts';
import type { AppliedUpdate } from '../state/applyUpdate.ts';
import { renderStatusBanner } from '../statusBanner.ts';
import { renderSummaryCard } from '../summaryCard.ts';
import { layerRole } from './layerColumns.ts';
import { renderSensitivity } from './sensitivitySummary.ts';
import { LayerDetailView } from './layerDetailView.ts';
import { LayerTable } from './layerTable.ts';

export class LayersView implements PanelView {
  readonly kind = 'layers';
  private readonly heading = element('h1');
  private readonly banner = element('div');
  private readonly summary = element('section', { class: 'summary-card', 'aria-label': 'Accuracy' });
  private readonly sensitivity = element('section', { class: 'sensitivity-summary', id: 'sensitivity', 'aria-label': 'Sensitivity analysis' });
  private readonly chartSlot = element('div');
  private readonly count = element('span', { class: 'row-count', 'aria-live': 'polite' });
  private readonly showAll: HTMLElement;
  private readonly table: LayerTable;
  private readonly detail: LayerDetailView;
  private readonly body = element('div', { class: 'layers-body' });
  private chart: { card: ChartCard; key: string } | undefined;
  private state: LayersState | undefined;

  constructor(private readonly root: HTMLElement, private readonly context: ViewContext) {
    this.table = new LayerTable({
      onSelect: (node) => this.select(node),
      onSort: (sort) => {
        context.prefs.sort = sort;
        context.savePrefs();
        this.renderTable();
      },
    });
    this.detail = new LayerDetailView(context);
    const filter = createTextField({
      id: 'layer-filter', placeholder: 'Filter by name, op or role', ariaLabel: 'Filter layers', value: context.prefs.filter,
      onInput: (value) => {
        context.prefs.filter = value;
        context.savePrefs();
        this.renderTable();
      },
    });
    this.showAll = createButton({ id: 'show-all-layers', label: 'Show all', onClick: () => { this.table.showAll = true; this.renderTable(); } });
    const tableSection = element('section', { class: 'table-section', 'aria-label': 'Layers' }, this.sensitivity, element('div', { class: 'toolbar' }, filter, this.count, this.showAll), element('div', { class: 'table-scroll' }, this.table.element));
    this.body.append(this.chartSlot, tableSection, this.detail.element);
    root.replaceChildren(element('header', { class: 'panel-header' }, this.heading, this.banner), this.summary, this.body);
  }

  render(state: PanelState): void {
    if (state.kind !== 'layers') return;
    this.state = state;
    this.heading.textContent = state.title;
    renderStatusBanner(this.banner, state.status);
    renderSummaryCard(this.summary, state.summary);
    this.body.hidden = state.rows.length === 0;
    this.renderChart(state);
    renderSensitivity(this.sensitivity, state.sensitivity);
    this.renderTable();
    const selected = this.context.prefs.selectedNode;
    if (selected && state.rows.some((r) => r.node === selected)) this.select(selected);
    else this.detail.showRow(undefined, false, []);
  }

  updated(state: PanelState, applied: AppliedUpdate): void {
    if (state.kind !== 'layers') return;
    this.state = state;
    if (applied.excludedChanged) {
      this.renderTable();
      const row = state.rows.find((r) => r.node === this.context.prefs.selectedNode);
      if (row) this.select(row.node);
    }
  }

  showDetail(detail: LayerDetail): void {
    if (detail.node === this.context.prefs.selectedNode) this.detail.showDetail(detail);
  }

  private select(node: string): void {
    const state = this.state;
    if (!state) return;
    this.context.prefs.selectedNode = node;
    this.context.savePrefs();
    this.table.markSelected(node);
    this.detail.showRow(state.rows.find((r) => r.node === node), state.canExclude, state.excluded);
    this.context.post({ type: 'selectLayer', node });
  }

  private renderTable(): void {
    const state = this.state;
    if (!state) return;
    const { filter, sort, selectedNode } = this.context.prefs;
    this.table.render(state.rows, { final: state.stage === 'final', sensitivity: state.sensitivity !== undefined }, filter, sort, selectedNode, state.excluded);
    const shown = this.table.element.tBodies[0]?.rows.length ?? 0;
    const matching = this.table.matching;
    this.count.textContent = shown === state.rows.length ? `${shown} layers` : shown < matching ? `first ${shown} of ${matching} matching layers (of ${state.rows.length})` : `${shown} of ${state.rows.length} layers`;
    this.showAll.hidden = shown >= matching;
  }

  private renderChart(state: LayersState): void {
    const final = state.stage === 'final';
    const names = state.rows.map((r) => layerRole(r) ?? r.node);
    const key = `${final}|${names.join('\n')}`;
    if (!this.chart || this.chart.key !== key) {
      this.chart?.card.destroy();
      const series = final
        ? [{ label: 'PTQ (accumulated)', style: 'bars' as const, color: 1 }, { label: 'after QAT (accumulated)', style: 'bars' as const, color: 0 }]
        : [{ label: 'accumulated', style: 'bars' as const, color: 0 }, { label: 'own quantizer', style: 'points' as const, color: 1 }];
      this.chart = {
        key,
        card: new ChartCard(this.chartSlot, {
          id: 'sqnr', title: 'Activation SQNR per layer (graph order)', xLabel: 'layer', yLabel: 'SQNR (dB)', series, xNames: names, height: 220,
          onSelect: (index) => { const row = state.rows[index]; if (row) this.select(row.node); },
          ...tableToggle(this.context, 'sqnr'),
        }),
      };
    }
    const x = state.rows.map((r) => r.index);
    this.chart.card.setData(x, final ? [state.rows.map((r) => r.ptqSqnrDb), state.rows.map((r) => r.finalSqnrDb)] : [state.rows.map((r) => r.accumulatedSqnrDb), state.rows.map((r) => r.sqnrDb)]);
  }

  retheme(): void {
    this.chart?.card.retheme();
    this.detail.retheme();
  }

  destroy(): void {
    this.chart?.card.destroy();
    this.detail.destroy();
    this.root.replaceChildren();
  }
}
