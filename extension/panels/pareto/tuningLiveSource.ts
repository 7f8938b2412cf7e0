/** What the Pareto panel needs from a tuning going on now: the engine's tuning notifications as events. */
import type * as vscode from 'vscode';
import type { RunFailedParams, TuningFinishedParams, TuningTrialParams } from '../../../contracts/engineProtocol.ts';

export interface TuningLiveSource {
  /** `tune/trial`: a trial was measured and saved in tuning.json. */
  readonly onTrial: vscode.Event<TuningTrialParams>;
  /** `tune/finished`: finished or stopped. */
  readonly onFinished: vscode.Event<TuningFinishedParams>;
  /** `run/failed`. */
  readonly onFailed: vscode.Event<RunFailedParams>;
}
