/** How long-running engine commands tell the outside world what they are doing. */
import type { MetricsRecord } from '../training/metrics.ts';

export interface ProgressReport {
  phase: string;
  epoch?: number;
  epochs?: number;
  step?: number;
  steps?: number;
  loss?: number;
}

export interface Reporter {
  log(line: string): void;
  progress(report: ProgressReport): void;
  metrics(record: MetricsRecord): void;
}

export const silentReporter: Reporter = { log: () => undefined, progress: () => undefined, metrics: () => undefined };
