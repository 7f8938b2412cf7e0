/**
 * A tuning's trials: INT8 accuracy against model size and against latency, a point per trial (filled
 * when it meets the target, hollow when it misses, a ring around the chosen one), the target as a
 * dashed line; the trials as a table; and the selected trial's settings against the user's config,
 * with a button that opens the run's layers view.
 */
import { ChartCard } from '../charts/chartCard.ts';
import { tableToggle } from '../charts/tablePrefs.ts';
import { createButton } from '../components/button.ts';
import { element } from '../dom.ts';
import type { PanelView, ViewContext } from '../panelView.ts';
import type { LayerDetail, PanelState, ParetoChart, ParetoState } from '../protocol.ts';
import type { AppliedUpdate } from '../state/applyUpdate.ts';
import { renderStatusBanner } from '../statusBanner.ts';
import { renderSummaryCard } from '../summaryCard.ts';
import { TrialTable } from './trialTable.ts';

interface ChartSlot {
  id: 'pareto-size' | 'pareto-latency';
  title: string;
  host: HTMLElement;
  note: HTMLElement;
  card?: ChartCard;
  /** What the card was built for: the x label and the target's label. */
  key?: string;
}

export class ParetoView implements PanelView {
  readonly kind = 'pareto';
  private readonly heading = element('h1');
  private readonly banner = element('div');
  private readonly summary = element('section', { class: 'summary-card', 'aria-label': 'Tuning result' });
  private readonly charts: ChartSlot[];
  private readonly table: TrialTable;
  private readonly detail = element('section', { class: 'trial-detail', id: 'trial-detail', 'aria-label': 'Selected trial', 'aria-live': 'polite' });
  private readonly body = element('div', { class: 'pareto-body' });
  private state: ParetoState | undefined;

  constructor(private readonly root: HTMLElement, private readonly context: ViewContext) {
    const slot = (id: ChartSlot['id'], title: string): ChartSlot => ({ id, title, host: element('div'), note: element('p', { class: 'hint chart-note' }) });
    this.charts = [slot('pareto-size', 'INT8 accuracy against model size'), slot('pareto-latency', 'INT8 accuracy against latency')];
    this.table = new TrialTable((trial) => this.select(trial));
    this.body.append(
      element('div', { class: 'chart-grid' }, ...this.charts.map((c) => element('div', {}, c.host, c.note))),
      element('section', { class: 'table-scroll', 'aria-label': 'Trials' }, this.table.element),
      this.detail,
    );
    root.replaceChildren(element('header', { class: 'panel-header' }, this.heading, this.banner), this.summary, this.body);
  }

  render(state: PanelState): void {
    if (state.kind !== 'pareto') return;
    this.state = state;
    this.heading.textContent = state.title;
    renderStatusBanner(this.banner, state.status);
    renderSummaryCard(this.summary, state.summary);
    this.body.hidden = state.trials.length === 0;
    this.renderChart(this.charts[0]!, state.size, state.targetLabel);
    this.renderChart(this.charts[1]!, state.latency, state.targetLabel);
    const kept = this.context.prefs.selectedTrial;
    const selected = kept !== undefined && kept !== null && state.trials.some((t) => t.index === kept) ? kept : state.chosen;
    this.table.render(state.columns, state.trials, selected);
    this.renderDetail(selected);
  }

  private renderChart(slot: ChartSlot, chart: ParetoChart, targetLabel: string): void {
    const key = `${chart.xLabel}|${targetLabel}`;
    if (!slot.card || slot.key !== key) {
      slot.card?.destroy();
      slot.key = key;
      slot.card = new ChartCard(slot.host, {
        id: slot.id, title: slot.title, xLabel: chart.xLabel, yLabel: 'INT8 accuracy (%)', height: 260,
        series: [
          { label: 'meets the target (filled)', style: 'points', color: 2 },
          { label: 'misses the target (hollow)', style: 'hollowPoints', color: 4 },
          { label: 'chosen trial (ring)', style: 'ring', color: 0 },
          { label: targetLabel, style: 'reference', color: 1 },
        ],
        onSelect: (index) => {
          // The host's current chart, not the one the card was built with: points move as trials arrive.
          const current = this.state?.[slot.id === 'pareto-size' ? 'size' : 'latency'];
          const trial = current?.trials[index];
          if (trial !== undefined) this.select(trial);
        },
        ...tableToggle(this.context, slot.id),
      });
    }
    slot.card.setData(chart.x, [chart.meets, chart.misses, chart.chosen, chart.target]);
    slot.note.textContent = chart.note ?? '';
    slot.note.hidden = chart.note === undefined;
  }

  private select(trial: number): void {
    this.context.prefs.selectedTrial = trial;
    this.context.savePrefs();
    this.table.markSelected(trial);
    this.renderDetail(trial);
  }

  private renderDetail(selected: number | null): void {
    const trial = this.state?.trials.find((t) => t.index === selected);
    this.detail.hidden = trial === undefined;
    if (!trial) return;
    const lines = trial.difference.length
      ? element('ul', { class: 'config-difference' }, ...trial.difference.map((line) => element('li', {}, line)))
      : element('p', {}, 'The same precision for every layer as your config.');
    const openLayers = createButton({ id: 'open-layers', label: 'Open Layers', ariaLabel: 'Open the layers view of this run', onClick: () => this.context.post({ type: 'showLayers' }) });
    this.detail.replaceChildren(
      element('h2', {}, trial.title),
      element('p', { class: 'hint' }, `${trial.meets ? 'Meets' : 'Misses'} the target${trial.chosen ? '; the chosen trial' : ''}. Its quantization.layers against your config:`),
      lines,
      openLayers,
    );
  }

  updated(_state: PanelState, _applied: AppliedUpdate): void {}

  showDetail(_detail: LayerDetail): void {}

  retheme(): void {
    for (const slot of this.charts) slot.card?.retheme();
  }

  destroy(): void {
    for (const slot of this.charts) slot.card?.destroy();
    this.root.replaceChildren();
  }
}
