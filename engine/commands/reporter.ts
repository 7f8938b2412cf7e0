/** How long-running engine commands tell the outside world what they are doing. */
import type { MetricsRecord } from '../training/metrics.ts';
import type { LayerErrorReport } from '../analysis/layerErrors.ts';

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
  /** A per-layer quantization error report is ready. */
  layerErrors?(stage: 'ptq' | 'final', report: LayerErrorReport): void;
}

export const silentReporter: Reporter = { log: () => undefined, progress: () => undefined, metrics: () => undefined };
