/** The engine client's run notifications under the names the panels subscribe to (extension/panels/liveRunSource.ts). */
import type { EngineClient } from '../engine/engineClient.ts';
import type { LiveRunSource } from '../panels/panels.ts';

export function engineLiveRunSource(client: EngineClient): LiveRunSource {
  return {
    onProgress: client.onDidReportProgress,
    onMetrics: client.onDidReportMetrics,
    onLayerErrors: client.onDidReportLayerErrors,
    onFinished: client.onDidFinishRun,
    onFailed: client.onDidFailRun,
  };
}
