/** How long-running engine commands tell the outside world what they are doing. */
import type { MetricsRecord } from '../../contracts/metricsRecord.ts';
import type { LayerErrorReport } from '../../contracts/layerErrorReport.ts';
import type { ProgressReport } from '../../contracts/engineProtocol.ts';

export interface Reporter {
  log(line: string): void;
  progress(report: ProgressReport): void;
  metrics(record: MetricsRecord): void;
  /** A per-layer quantization error report is ready. */
  layerErrors?(stage: 'ptq' | 'final', report: LayerErrorReport): void;
}

export const silentReporter: Reporter = { log: () => undefined, progress: () => undefined, metrics: () => undefined };
