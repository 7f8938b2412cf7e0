/**
 * A Reporter for the extension: progress at most four times a second with an ETA,
 * metrics batched (at most four notifications a second), so a fast training loop
 * never floods the client.
 */
import type { Reporter } from '../commands/reporter.ts';
import type { MetricsRecord } from '../../contracts/metricsRecord.ts';
import type { LayerErrorReport } from '../../contracts/layerErrorReport.ts';
import type { ProgressReport, RunProgressParams } from '../../contracts/engineProtocol.ts';

export interface ReporterSink {
  progress(params: Omit<RunProgressParams, 'runFolder'>): void;
  metrics(records: MetricsRecord[]): void;
  layerErrors(stage: 'ptq' | 'final', report: LayerErrorReport): void;
  log(message: string): void;
}

export const REPORT_INTERVAL_MS = 250;

export class BatchedReporter implements Reporter {
  private pending: MetricsRecord[] = [];
  private lastProgress = 0;
  private timer: NodeJS.Timeout | undefined;
  private trainingStarted: { at: number; done: number } | undefined;

  constructor(private readonly sink: ReporterSink, private readonly now: () => number = () => Date.now()) {}

  log(line: string): void {
    this.sink.log(line);
  }

  progress(report: ProgressReport): void {
    const now = this.now();
    const last = report.step !== undefined && report.step === report.steps && report.epoch === report.epochs;
    if (!last && now - this.lastProgress < REPORT_INTERVAL_MS) return;
    this.lastProgress = now;
    this.sink.progress({ ...report, etaSeconds: this.eta(report, now) });
  }

  metrics(record: MetricsRecord): void {
    this.pending.push(record);
    if (!this.timer) this.timer = setTimeout(() => this.flush(), REPORT_INTERVAL_MS);
  }

  layerErrors(stage: 'ptq' | 'final', report: LayerErrorReport): void {
    this.sink.layerErrors(stage, report);
  }

  /** Sends what is pending now (at the end of a run, so no record is lost). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const records = this.pending;
    this.pending = [];
    this.sink.metrics(records);
  }

  private eta(report: ProgressReport, now: number): number | undefined {
    if (report.phase !== 'train' || !report.steps || !report.epochs || report.step === undefined || report.epoch === undefined) return undefined;
    const done = (report.epoch - 1) * report.steps + report.step;
    const total = report.epochs * report.steps;
    if (!this.trainingStarted) {
      this.trainingStarted = { at: now, done };
      return undefined;
    }
    const elapsed = now - this.trainingStarted.at;
    const progressed = done - this.trainingStarted.done;
    if (progressed <= 0 || elapsed <= 0) return undefined;
    return ((total - done) * elapsed) / progressed / 1000;
  }
}
