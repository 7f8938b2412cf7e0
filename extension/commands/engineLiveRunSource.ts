/** The engine client's run and tuning notifications under the names the panels subscribe to (extension/panels/liveRunSource.ts). */
import type { EngineClient } from '../engine/engineClient.ts';
import type { LiveRunSource, TuningLiveSource } from '../panels/panels.ts';

export function engineLiveRunSource(client: EngineClient): LiveRunSource {
  return {
    onProgress: client.onDidReportProgress,
    onMetrics: client.onDidReportMetrics,
    onLayerErrors: client.onDidReportLayerErrors,
    onFinished: client.onDidFinishRun,
    onFailed: client.onDidFailRun,
  };
}

/** The engine client's tuning notifications, for the Pareto panel of the tuning going now. */
export function engineTuningLiveSource(client: EngineClient): TuningLiveSource {
  return {
    onTrial: client.onDidMeasureTuningTrial,
    onFinished: client.onDidFinishTuning,
    onFailed: client.onDidFailRun,
  };
}
