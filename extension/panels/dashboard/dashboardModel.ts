/**
 * The dashboard's state on the host: everything read from the run folder plus what
 * live notifications add. It turns records into the finished series the webview
 * draws, and hands out either an append-only update or, when appending would not
 * do (a new loss component, a resumed run rewriting steps, a new smoothing), a
 * whole snapshot. No `vscode` here: unit-tested in Node.
 */
import type { EpochMetrics, MetricsRecord, StepMetrics } from '../../../contracts/metricsRecord.ts';
import type { RunSummary } from '../../../contracts/runFiles.ts';
import type { AccuracySeries, AuxiliaryHeadSeries, DashboardState, DashboardUpdate, LineSeries, LossSeries, RunStatusView, StepSeries, SummaryItem } from '../../../webview/protocol.ts';
import type { BaselineFile, SummaryFile } from '../../../contracts/runFiles.ts';
import { SmoothedSeries } from './lossSmoothing.ts';
import type { MetricsThinning } from '../../runHistory/runFolderReader.ts';
import { summaryItems } from './summaryItems.ts';
import { DEFAULT_ACCURACY_TOLERANCE_PP } from '../../../contracts/accuracyVerdict.ts';

const TOTAL = 'total';

/** Names of the per-epoch accuracies the engine logs. */
const ACCURACY_LABELS: Record<string, string> = { qatFakeQuant: 'Student fake-quant', fp32: 'Student FP32' };

export type DashboardChange = { kind: 'snapshot'; state: DashboardState } | { kind: 'update'; update: DashboardUpdate };

export class DashboardModel {
  private readonly steps: StepMetrics[] = [];
  private readonly epochs = new Map<number, EpochMetrics>();
  /** The heads' last reading of the head warm-up, shown as epoch 0 of their charts. */
  private warmupHeads: StepMetrics['auxiliaryHeads'];
  private labels: string[] = [TOTAL];
  private smoothers = new Map<string, SmoothedSeries>();
  /** Index into `steps` of the first record not yet sent. */
  private sentSteps = 0;
  private needsSnapshot = true;
  private accuracyChanged = false;
  private statusChanged = false;
  private summaryChanged = false;
  private baseline: BaselineFile | undefined;
  private summary: SummaryFile | undefined;
  private metricsThinning: MetricsThinning | undefined;

  constructor(
    readonly title: string,
    readonly runFolder: string,
    private status: RunStatusView,
    private smoothing = 0.6,
    private readonly tolerancePp: () => number = () => DEFAULT_ACCURACY_TOLERANCE_PP,
  ) {}

  get lastGlobalStep(): number {
    return this.steps.length ? this.steps[this.steps.length - 1]!.globalStep : -1;
  }

  get stepCount(): number {
    return this.steps.length;
  }

  addRecords(records: readonly MetricsRecord[]): void {
    for (const record of records) {
      if (record.type === 'step') this.addStep(record);
      else this.addEpoch(record);
    }
  }

  private addStep(record: StepMetrics): void {
    // The head warm-up trains only the heads: its readings go to their charts, not to the loss curves.
    if (record.phase === 'headWarmup') {
      this.warmupHeads = record.auxiliaryHeads ?? this.warmupHeads;
      this.accuracyChanged = true;
      return;
    }
    if (record.globalStep <= this.lastGlobalStep) {
      const keep = this.steps.findIndex((s) => s.globalStep >= record.globalStep);
      // The same record twice (read from disk, then its notification arrives): keep one.
      if (this.steps[keep]!.globalStep === record.globalStep && this.steps[keep]!.loss === record.loss) return;
      // A resumed run repeats the steps after its last checkpoint: the newer records win.
      this.steps.splice(keep);
      this.needsSnapshot = true;
    }
    for (const name of Object.keys(record.losses)) {
      if (!this.labels.includes(name)) {
        this.labels.push(name);
        this.needsSnapshot = true;
      }
    }
    this.steps.push(record);
  }

  private addEpoch(record: EpochMetrics): void {
    this.epochs.set(record.epoch, record);
    this.accuracyChanged = true;
  }

  setBaseline(baseline: BaselineFile | undefined): void {
    this.baseline = baseline;
    this.accuracyChanged = true;
    this.summaryChanged = true;
  }

  setSummary(summary: SummaryFile | RunSummary | undefined): void {
    this.summary = summary;
    this.accuracyChanged = true;
    this.summaryChanged = true;
  }

  /** Says on the summary cards that the loss chart shows a thinned metrics.jsonl. */
  setMetricsThinning(thinning: MetricsThinning | undefined): void {
    this.metricsThinning = thinning;
    this.summaryChanged = true;
  }

  setStatus(status: RunStatusView): void {
    this.status = status;
    this.statusChanged = true;
  }

  get currentStatus(): RunStatusView {
    return this.status;
  }

  setSmoothing(smoothing: number): void {
    new SmoothedSeries(smoothing); // validates
    this.smoothing = smoothing;
    this.needsSnapshot = true;
  }

  /** Everything, from the start; resets what counts as sent. */
  snapshot(): DashboardState {
    this.smoothers = new Map(this.labels.map((label) => [label, new SmoothedSeries(this.smoothing)]));
    const steps = this.stepSeries(this.steps);
    this.sentSteps = this.steps.length;
    this.needsSnapshot = this.accuracyChanged = this.statusChanged = this.summaryChanged = false;
    return {
      kind: 'dashboard',
      title: this.title,
      runFolder: this.runFolder,
      status: this.status,
      smoothing: this.smoothing,
      steps,
      accuracy: this.accuracySeries(),
      auxiliaryHeads: this.auxiliaryHeadSeries(),
      summary: this.summaryItems(),
    };
  }

  /** What changed since the last snapshot or update; undefined when nothing did. */
  takeChange(): DashboardChange | undefined {
    if (this.needsSnapshot) return { kind: 'snapshot', state: this.snapshot() };
    const update: DashboardUpdate = { kind: 'dashboard' };
    let changed = false;
    if (this.sentSteps < this.steps.length) {
      update.appendSteps = this.stepSeries(this.steps.slice(this.sentSteps));
      this.sentSteps = this.steps.length;
      changed = true;
    }
    if (this.accuracyChanged) {
      update.accuracy = this.accuracySeries();
      update.auxiliaryHeads = this.auxiliaryHeadSeries();
      this.accuracyChanged = false;
      changed = true;
    }
    if (this.statusChanged) {
      update.status = this.status;
      this.statusChanged = false;
      changed = true;
    }
    if (this.summaryChanged) {
      update.summary = this.summaryItems();
      this.summaryChanged = false;
      changed = true;
    }
    return changed ? { kind: 'update', update } : undefined;
  }

  /** Series for `records`, continuing the smoothers from the last point sent. */
  private stepSeries(records: readonly StepMetrics[]): StepSeries {
    const losses: LossSeries[] = this.labels.map((label) => {
      const smoother = this.smoothers.get(label) ?? new SmoothedSeries(this.smoothing);
      this.smoothers.set(label, smoother);
      const raw = records.map((r) => (label === TOTAL ? r.loss : r.losses[label] ?? null));
      return { label, raw, smoothed: raw.map((v) => smoother.push(v)) };
    });
    return { steps: records.map((r) => r.globalStep), losses, learningRate: records.map((r) => r.learningRate) };
  }

  private accuracySeries(): AccuracySeries {
    const records = [...this.epochs.values()].sort((a, b) => a.epoch - b.epoch);
    const before = this.baseline?.ptqFakeQuant;
    // Epoch 0 is the student after calibration, before training: the PTQ fake-quant accuracy.
    const epochs = [...(before !== undefined ? [0] : []), ...records.map((r) => r.epoch + 1)];
    if (epochs.length === 0) return { epochs: [], series: [] };
    const keys = [...new Set(records.flatMap((r) => Object.keys(r.accuracy)))];
    if (keys.length === 0 && before !== undefined) keys.push('qatFakeQuant');
    const pct = (v: number | null | undefined): number | null => (v === null || v === undefined ? null : 100 * v);
    const series: LineSeries[] = keys.map((key) => ({
      label: ACCURACY_LABELS[key] ?? key,
      values: [...(before !== undefined ? [key === 'qatFakeQuant' ? pct(before) : null] : []), ...records.map((r) => pct(r.accuracy[key]))],
    }));
    const summary = this.summary?.status === 'finished' ? this.summary : undefined;
    if (summary) series.push({ label: 'Exported INT8', style: 'points', values: epochs.map((_, i) => (i === epochs.length - 1 ? pct(summary.accuracy.qatInt8) : null)) });
    const constant = (label: string, value: number | null | undefined): void => {
      if (value !== null && value !== undefined) series.push({ label, style: 'reference', values: epochs.map(() => pct(value)) });
    };
    constant('Teacher FP32', summary?.accuracy.teacherFp32 ?? this.baseline?.teacherFp32);
    constant('PTQ INT8 baseline', summary?.accuracy.ptqInt8 ?? this.baseline?.ptqInt8);
    return { epochs, series };
  }

  /** Each auxiliary head's accuracy (%) and loss per epoch, after the warm-up's last reading as epoch 0. */
  private auxiliaryHeadSeries(): AuxiliaryHeadSeries {
    const records = [...this.epochs.values()].sort((a, b) => a.epoch - b.epoch);
    const readings = [...(this.warmupHeads ? [{ epoch: 0, heads: this.warmupHeads }] : []), ...records.map((r) => ({ epoch: r.epoch + 1, heads: r.auxiliaryHeads }))];
    const names = [...new Set(readings.flatMap((r) => Object.keys(r.heads ?? {})))];
    if (names.length === 0) return { epochs: [], accuracy: [], loss: [] };
    const line = (name: string, value: (head: { accuracy: number; loss: number }) => number): LineSeries => ({
      label: name,
      values: readings.map((r) => { const head = r.heads?.[name]; return head ? value(head) : null; }),
    });
    return {
      epochs: readings.map((r) => r.epoch),
      accuracy: names.map((name) => line(name, (head) => 100 * head.accuracy)),
      loss: names.map((name) => line(name, (head) => head.loss)),
    };
  }

  private summaryItems(): SummaryItem[] {
    const items = summaryItems(this.baseline, this.summary, this.tolerancePp());
    const thinning = this.metricsThinning;
    if (thinning) items.push({ label: 'Loss chart', value: `1 step in ${thinning.keptEvery}`, detail: `metrics.jsonl holds ${thinning.stepRecords.toLocaleString('en-US')} step records: the chart shows every ${thinning.keptEvery}th of them and every epoch.`, tone: 'neutral' });
    return items;
  }
}
