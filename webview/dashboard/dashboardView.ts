/**
 * The run dashboard: status, summary card, loss curves (total and every component),
 * layer-wise distillation losses, learning rate and accuracy per epoch. Snapshots
 * rebuild the charts only when their series change; updates append and redraw, so
 * a live run never flickers.
 */
import { RUN_FOLDER_FILES } from '../../contracts/runFolderLayout.ts';
import { ChartCard } from '../charts/chartCard.ts';
import { tableToggle } from '../charts/tablePrefs.ts';
import type { SeriesSpec } from '../charts/uplotChart.ts';
import { createButton } from '../components/button.ts';
import { createCheckbox } from '../components/checkbox.ts';
import { createDropdown } from '../components/dropdown.ts';
import { element } from '../dom.ts';
import type { PanelView, ViewContext } from '../panelView.ts';
import { SMOOTHING_CHOICES, type DashboardState, type LayerDetail, type LineSeries, type LossSeries, type PanelState } from '../protocol.ts';
import type { AppliedUpdate } from '../state/applyUpdate.ts';
import { renderStatusBanner } from '../statusBanner.ts';
import { renderSummaryCard } from '../summaryCard.ts';

/** Components of layer-wise distillation (`layer …`) and self-distillation (`self …`) get their own chart. */
const isLayerwise = (label: string): boolean => label.startsWith('layer ') || label.startsWith('self ');

interface LossChart {
  card: ChartCard;
  /** The loss labels it draws, in order; a snapshot with other labels rebuilds it. */
  key: string;
}

export class DashboardView implements PanelView {
  readonly kind = 'dashboard';
  private readonly heading = element('h1');
  private readonly banner = element('div');
  private readonly summary = element('section', { class: 'summary-card', 'aria-label': 'Summary' });
  private readonly charts = element('div', { class: 'chart-grid' });
  /** Fixed places, so a chart rebuilt later keeps its position. */
  private readonly slots = { losses: element('div'), layerLosses: element('div'), learningRate: element('div'), accuracy: element('div'), headAccuracy: element('div'), headLoss: element('div') };
  private readonly smoothingHost = element('div');
  private losses: LossChart | undefined;
  private layerLosses: LossChart | undefined;
  private learningRate: ChartCard | undefined;
  private accuracy: { card: ChartCard; key: string } | undefined;
  /** Self-distillation's auxiliary heads: accuracy beside loss, per epoch. */
  private headAccuracy: { card: ChartCard; key: string } | undefined;
  private headLoss: { card: ChartCard; key: string } | undefined;
  private state: DashboardState | undefined;

  constructor(private readonly root: HTMLElement, private readonly context: ViewContext) {
    const toolbar = element('div', { class: 'toolbar', role: 'toolbar', 'aria-label': 'Dashboard options' },
      this.smoothingHost,
      createCheckbox({ id: 'log-scale', label: 'Log scale (losses)', checked: context.prefs.logScale, onChange: (checked) => this.setLogScale(checked) }),
      createButton({ id: 'show-layers', label: 'Per-layer error', onClick: () => context.post({ type: 'showLayers' }) }),
      createButton({ label: RUN_FOLDER_FILES.summary, ariaLabel: `Open ${RUN_FOLDER_FILES.summary}`, onClick: () => context.post({ type: 'openFile', file: RUN_FOLDER_FILES.summary }) }),
      createButton({ label: 'Config', ariaLabel: 'Open the config this run came from', onClick: () => context.post({ type: 'openFile', file: 'source config' }) }),
    );
    this.charts.append(this.slots.losses, this.slots.layerLosses, this.slots.learningRate, this.slots.accuracy, this.slots.headAccuracy, this.slots.headLoss);
    root.replaceChildren(element('header', { class: 'panel-header' }, this.heading, this.banner, toolbar), this.summary, this.charts);
  }

  render(state: PanelState): void {
    if (state.kind !== 'dashboard') return;
    this.state = state;
    this.heading.textContent = state.title;
    this.renderSmoothing(state.smoothing);
    renderStatusBanner(this.banner, state.status);
    renderSummaryCard(this.summary, state.summary);
    this.renderCharts(state);
  }

  updated(state: PanelState, applied: AppliedUpdate): void {
    if (state.kind !== 'dashboard') return;
    this.state = state;
    if (applied.statusChanged) renderStatusBanner(this.banner, state.status);
    if (applied.summaryChanged) renderSummaryCard(this.summary, state.summary);
    if (applied.stepsAppended) {
      if (!this.losses || !this.learningRate) this.renderCharts(state);
      else {
        this.losses.card.redraw();
        this.layerLosses?.card.redraw();
        this.learningRate.redraw();
      }
    }
    if (applied.accuracyChanged) this.renderAccuracy(state);
  }

  showDetail(_detail: LayerDetail): void {}

  private renderSmoothing(smoothing: number): void {
    this.smoothingHost.replaceChildren(createDropdown({
      id: 'smoothing',
      label: 'Smoothing',
      choices: SMOOTHING_CHOICES.map((w) => ({ value: String(w), label: w === 0 ? 'none' : String(w) })),
      selected: String(smoothing),
      onChange: (value) => this.context.post({ type: 'setSmoothing', smoothing: Number(value) }),
    }));
  }

  private setLogScale(logScale: boolean): void {
    this.context.prefs.logScale = logScale;
    this.context.savePrefs();
    this.losses?.card.setLogScale(logScale);
    this.layerLosses?.card.setLogScale(logScale);
  }

  private hasData(state: DashboardState): boolean {
    return state.steps.steps.length > 0 || state.accuracy.epochs.length > 0;
  }

  private renderCharts(state: DashboardState): void {
    this.charts.hidden = !this.hasData(state);
    const main = state.steps.losses.filter((s) => !isLayerwise(s.label));
    const layerwise = state.steps.losses.filter((s) => isLayerwise(s.label));
    this.losses = this.lossChart(this.slots.losses, this.losses, 'losses', 'Loss', main, state, 0);
    this.layerLosses = layerwise.length ? this.lossChart(this.slots.layerLosses, this.layerLosses, 'layer-losses', 'Layer-wise distillation losses', layerwise, state, main.length) : this.drop(this.layerLosses);
    if (!this.learningRate) {
      this.learningRate = new ChartCard(this.slots.learningRate, { id: 'learning-rate', title: 'Learning rate', xLabel: 'step', yLabel: 'learning rate', series: [{ label: 'learning rate', color: 5 }], height: 160, ...tableToggle(this.context, 'learning-rate') });
    }
    this.learningRate.setData(state.steps.steps, [state.steps.learningRate]);
    this.renderAccuracy(state);
  }

  private drop(chart: { card: ChartCard } | undefined): undefined {
    chart?.card.destroy();
    return undefined;
  }

  /** The smoothed line of each loss; the total also shows its raw values faintly when smoothed. */
  private lossChart(slot: HTMLElement, existing: LossChart | undefined, id: string, title: string, losses: LossSeries[], state: DashboardState, firstColor: number): LossChart {
    const withRaw = state.smoothing > 0;
    const key = `${withRaw}|${losses.map((l) => l.label).join('\n')}`;
    const specs: SeriesSpec[] = [];
    const columns: (number | null)[][] = [];
    losses.forEach((loss, i) => {
      const color = firstColor + i;
      specs.push({ label: withRaw ? `${loss.label} (smoothed)` : loss.label, color });
      columns.push(loss.smoothed);
      if (withRaw && loss.label === 'total') {
        specs.push({ label: `${loss.label} (raw)`, color, style: 'faint' });
        columns.push(loss.raw);
      }
    });
    let chart = existing;
    if (!chart || chart.key !== key) {
      chart?.card.destroy();
      chart = { key, card: new ChartCard(slot, { id, title, xLabel: 'step', yLabel: 'loss', series: specs, logScale: this.context.prefs.logScale, ...tableToggle(this.context, id) }) };
    }
    chart.card.setData(state.steps.steps, columns);
    return chart;
  }

  private renderAccuracy(state: DashboardState): void {
    this.accuracy = this.epochChart(this.slots.accuracy, this.accuracy, 'accuracy', 'Accuracy per epoch', 'accuracy (%)', state.accuracy.epochs, state.accuracy.series);
    this.renderHeads(state);
  }

  private renderHeads(state: DashboardState): void {
    const heads = state.auxiliaryHeads;
    if (!heads || heads.epochs.length === 0) {
      this.headAccuracy = this.drop(this.headAccuracy);
      this.headLoss = this.drop(this.headLoss);
      return;
    }
    this.headAccuracy = this.epochChart(this.slots.headAccuracy, this.headAccuracy, 'head-accuracy', 'Auxiliary heads: accuracy on training batches', 'accuracy (%)', heads.epochs, heads.accuracy);
    this.headLoss = this.epochChart(this.slots.headLoss, this.headLoss, 'head-loss', 'Auxiliary heads: self-distillation loss', 'loss', heads.epochs, heads.loss);
  }

  /** A chart over epochs, one line (or points, or a reference) per series; rebuilt when the series change. */
  private epochChart(slot: HTMLElement, existing: { card: ChartCard; key: string } | undefined, id: string, title: string, yLabel: string, epochs: number[], series: LineSeries[]): { card: ChartCard; key: string } {
    const key = series.map((s) => `${s.label}:${s.style ?? 'line'}`).join('\n');
    let chart = existing;
    if (!chart || chart.key !== key) {
      chart?.card.destroy();
      const specs: SeriesSpec[] = series.map((s, i) => ({ label: s.label, style: s.style ?? 'line', color: i }));
      chart = { key, card: new ChartCard(slot, { id, title, xLabel: 'epoch', yLabel, integerX: true, series: specs, ...tableToggle(this.context, id) }) };
    }
    chart.card.setData(epochs, series.map((s) => s.values));
    return chart;
  }

  retheme(): void {
    for (const card of [this.losses?.card, this.layerLosses?.card, this.learningRate, this.accuracy?.card, this.headAccuracy?.card, this.headLoss?.card]) card?.retheme();
    if (this.state) this.renderCharts(this.state);
  }

  destroy(): void {
    for (const card of [this.losses?.card, this.layerLosses?.card, this.learningRate, this.accuracy?.card, this.headAccuracy?.card, this.headLoss?.card]) card?.destroy();
    this.root.replaceChildren();
  }
}
