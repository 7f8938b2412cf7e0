/**
 * What a panel needs from a run that is going on now: the engine's notifications
 * as events. The engine client implements it; a panel subscribes, filters by its
 * run folder, and disposes its subscriptions with itself.
 */
import type * as vscode from 'vscode';
import type { RunFailedParams, RunFinishedParams, RunLayerErrorsParams, RunMetricsParams, RunProgressParams } from '../../contracts/engineProtocol.ts';

export interface LiveRunSource {
  /** `run/progress`, at most a few a second. */
  readonly onProgress: vscode.Event<RunProgressParams>;
  /** `run/metrics`: new metrics.jsonl records, in order. */
  readonly onMetrics: vscode.Event<RunMetricsParams>;
  /** `run/layerErrors`: the PTQ report after calibration, the final one at the end. */
  readonly onLayerErrors: vscode.Event<RunLayerErrorsParams>;
  /** `run/finished`: finished or stopped. */
  readonly onFinished: vscode.Event<RunFinishedParams>;
  /** `run/failed`. */
  readonly onFailed: vscode.Event<RunFailedParams>;
}
